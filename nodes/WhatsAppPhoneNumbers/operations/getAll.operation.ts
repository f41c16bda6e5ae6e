import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, wabaIdField, wabaIdLocator } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION, phoneNumberListOptions } from '../helpers/listFilters';
import { phoneNumberOutput, sendPhoneNumberFields } from '../helpers/phoneNumberFields';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many phone numbers',
	description: 'List the business phone numbers of a WhatsApp Business Account',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(wabaIdField, '/phone_numbers'), sendPhoneNumberFields] },
		output: { postReceive: phoneNumberOutput },
	},
});

export const properties: INodeProperties[] = [
	wabaIdLocator,
	...returnAllOrLimit,
	fieldOptionsCollection(phoneNumberListOptions, PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION),
];
