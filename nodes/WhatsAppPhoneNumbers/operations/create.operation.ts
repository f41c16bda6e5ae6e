import type { INodeProperties } from 'n8n-workflow';

import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { createOnce, newNumberProperties, sendNewNumberParts } from '../helpers/newNumberParts';

export const option = graphOperation({
	name: 'Create',
	value: 'create',
	action: 'Add a phone number to a WhatsApp Business Account',
	toolDescription:
		'Adds a new phone number (country code, number, display name) to a WABA; it must be verified and registered next. Returns the new phone-number ID.',
	description: 'Add a business phone number to a WhatsApp Business Account; verify and register it next',
	...createOnce,
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(wabaIdParameter, '/phone_numbers'),
				sendNewNumberParts({ countryCode: 'cc', phoneNumber: 'phone_number' }),
			],
		},
		output: { postReceive: [namingGraphId('phoneNumberId')] },
	},
});

export const properties: INodeProperties[] = [wabaIdLocator, ...newNumberProperties];
