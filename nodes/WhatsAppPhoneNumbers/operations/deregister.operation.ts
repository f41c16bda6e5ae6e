import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneNumberIdField, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { outputRegistrationResult } from '../helpers/outputs';
import { registrationLimitNotice } from '../helpers/registrationLimit';

export const option: INodePropertyOptions = {
	name: 'Deregister',
	value: 'deregister',
	action: 'Deregister a phone number from Cloud API',
	description: 'Stop a business phone number from sending and receiving messages through Cloud API',
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdField, '/deregister')] },
		output: { postReceive: [outputRegistrationResult] },
	},
};

const properties: INodeProperties[] = [registrationLimitNotice, wabaForPhoneNumberList, phoneNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['deregister'] } }, properties);
