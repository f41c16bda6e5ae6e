import type { INodeProperties } from 'n8n-workflow';

import {
	businessForPreVerifiedList,
	preVerifiedNumberIdParameter,
	preVerifiedNumberIdLocator,
	wabaIdParameter,
	wabaIdLocator,
} from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { idsOf, namingGraphId, taggedWith } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { createOnce, newNumberProperties, sendNewNumberParts } from '../helpers/newNumberParts';

export const option = graphOperation({
	name: 'Create From Pre-Verified Number',
	value: 'createFromPreVerified',
	action: 'Add a pre-verified number to a WhatsApp Business Account',
	toolDescription:
		'Adds a number from the pre-verified pool to a WABA with a display name; it needs registering next. Returns the new phone-number ID.',
	description:
		"Turn a number of your pre-verified pool into a business phone number of a client's WhatsApp Business Account; register it next",
	...createOnce,
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(wabaIdParameter, '/phone_numbers'),
				sendNewNumberParts(
					{ countryCode: 'country_dial_code', phoneNumber: 'display_phone_number' },
					{ ...preVerifiedNumberIdParameter, sendAs: { in: 'body', property: 'preverified_id' } },
				),
			],
		},
		output: {
			postReceive: [namingGraphId('phoneNumberId'), taggedWith(idsOf({ preVerifiedNumberId: preVerifiedNumberIdParameter }))],
		},
	},
});

export const properties: INodeProperties[] = [
	wabaIdLocator,
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
	...newNumberProperties,
];
