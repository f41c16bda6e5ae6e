import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { phoneNumberFieldOptions, phoneNumberOutput, sendPhoneNumberFields } from '../helpers/phoneNumberFields';

export const option = graphOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a phone number',
	toolDescription:
		'Reads one business phone number by its phone-number ID (digits, not the phone number itself): display number, verified name, status, quality rating, registration deadline.',
	description: 'Read one business phone number with the fields you choose',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter), sendPhoneNumberFields] },
		output: { postReceive: phoneNumberOutput },
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	fieldOptionsCollection(phoneNumberFieldOptions),
];
