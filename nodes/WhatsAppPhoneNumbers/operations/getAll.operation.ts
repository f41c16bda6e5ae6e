import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION, phoneNumberListOptions } from '../helpers/listFilters';
import { phoneNumberOutput, sendPhoneNumberFields } from '../helpers/phoneNumberFields';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many phone numbers',
	toolDescription:
		'Lists the business phone numbers of one WhatsApp Business Account (WABA ID, digits), with each number\'s ID, display phone number, verified name, status (CONNECTED, FLAGGED, PENDING…), quality rating and registration deadline. Use it to answer questions about a WABA\'s numbers, such as which are flagged or not connected.',
	description: 'List the business phone numbers of a WhatsApp Business Account',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(wabaIdParameter, '/phone_numbers'), sendPhoneNumberFields] },
		output: { postReceive: phoneNumberOutput },
	},
});

export const properties: INodeProperties[] = [
	wabaIdLocator,
	...returnAllOrLimit,
	fieldOptionsCollection(phoneNumberListOptions, PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION),
];
