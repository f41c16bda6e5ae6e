import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	businessForPreVerifiedList,
	preVerifiedNumberIdField,
	preVerifiedNumberIdLocator,
	wabaIdField,
	wabaIdLocator,
} from '../../shared/descriptions';
import { sendToGraphObject, sendValidated } from '../../shared/validation';
import { countryDialCode, displayName, nationalNumber } from '../helpers/newNumberParts';
import { outputNewPhoneNumberId } from '../helpers/outputs';

export const option: INodePropertyOptions = {
	name: 'Create From Pre-Verified Number',
	value: 'createFromPreVerified',
	action: 'Add a pre-verified number to a WhatsApp Business Account',
	description:
		"Turn a number of your pre-verified pool into a business phone number of a client's WhatsApp Business Account; register it next",
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(wabaIdField, '/phone_numbers'),
				sendValidated(
					{ ...preVerifiedNumberIdField, sendAs: { in: 'body', property: 'preverified_id' } },
					{ parameter: 'countryCode', label: 'Country Code', schema: countryDialCode, sendAs: { in: 'body', property: 'country_dial_code' } },
					{ parameter: 'phoneNumber', label: 'Phone Number', schema: nationalNumber, sendAs: { in: 'body', property: 'display_phone_number' } },
					{ parameter: 'displayName', label: 'Display Name', schema: displayName, sendAs: { in: 'body', property: 'verified_name' } },
				),
			],
		},
		output: { postReceive: [outputNewPhoneNumberId] },
	},
};

const properties: INodeProperties[] = [
	wabaIdLocator,
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'The country calling code of the pre-verified number, such as 1 for the US',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 555 078 3881',
		description: 'The pre-verified number without its country code; spaces, dashes and brackets are removed',
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Lucky Shrub',
		description: "The client's business name shown in the number's WhatsApp profile; Meta reviews it",
	},
];

export const description = updateDisplayOptions({ show: { operation: ['createFromPreVerified'] } }, properties);
