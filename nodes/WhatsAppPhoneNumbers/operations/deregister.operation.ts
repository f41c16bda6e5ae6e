import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { registrationCallOnce, registrationLimitNotice } from '../helpers/registrationLimit';

export const option = graphOperation({
	name: 'Deregister',
	value: 'deregister',
	action: 'Deregister a phone number from Cloud API',
	toolDescription:
		'Deregisters a phone number (by phone-number ID) from Cloud API: it stops sending and receiving messages.',
	description: 'Stop a business phone number from sending and receiving messages through Cloud API',
	...registrationCallOnce,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/deregister')] },
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [registrationLimitNotice, wabaForPhoneNumberList, phoneNumberIdLocator];
