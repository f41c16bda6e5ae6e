import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneNumberIdField, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { phoneNumberFieldOptions, sendPhoneNumberFields } from '../helpers/phoneNumberFields';
import { addRegistrationDeadline } from '../helpers/registrationDeadline';

export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	action: 'Get a phone number',
	description: 'Read one business phone number with the fields you choose',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdField), sendPhoneNumberFields] },
		output: { postReceive: [addRegistrationDeadline] },
	},
};

const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Choose the fields to return',
		options: phoneNumberFieldOptions,
	},
];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);
