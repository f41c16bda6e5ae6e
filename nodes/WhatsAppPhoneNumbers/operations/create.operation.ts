import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { wabaIdField, wabaIdLocator } from '../../shared/descriptions';
import { sendToGraphObject, sendValidated } from '../../shared/validation';
import { countryDialCode, displayName, nationalNumber } from '../helpers/newNumberParts';
import { outputNewPhoneNumberId } from '../helpers/outputs';

export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	action: 'Add a phone number to a WhatsApp Business Account',
	description: 'Add a business phone number to a WhatsApp Business Account; verify and register it next',
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(wabaIdField, '/phone_numbers'),
				sendValidated(
					{ parameter: 'countryCode', label: 'Country Code', schema: countryDialCode, sendAs: { in: 'body', property: 'cc' } },
					{ parameter: 'phoneNumber', label: 'Phone Number', schema: nationalNumber, sendAs: { in: 'body', property: 'phone_number' } },
					{ parameter: 'displayName', label: 'Display Name', schema: displayName, sendAs: { in: 'body', property: 'verified_name' } },
				),
			],
		},
		output: { postReceive: [outputNewPhoneNumberId] },
	},
};

const properties: INodeProperties[] = [
	wabaIdLocator,
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1',
		description: 'The country calling code of the number, such as 1 for the US or 44 for the UK',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 631 555 1234',
		description: 'The number without its country code; spaces, dashes and brackets are removed',
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Jasper Market',
		description: "The business name shown in the number's WhatsApp profile; Meta reviews it",
	},
];

export const description = updateDisplayOptions({ show: { operation: ['create'] } }, properties);
