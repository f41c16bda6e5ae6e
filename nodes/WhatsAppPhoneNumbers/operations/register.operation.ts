import type { INodeProperties } from 'n8n-workflow';

import { DATA_LOCALIZATION_REGIONS } from '../../shared/dataLocalization';
import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { parameterOf } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { sixDigitPin } from '../../shared/schemas';
import { registrationCallOnce, registrationLimitNotice } from '../helpers/registrationLimit';

const pinProperty: INodeProperties = {
	displayName: 'Two-Step Verification PIN',
	name: 'pin',
	type: 'string',
	typeOptions: { password: true },
	required: true,
	default: '',
	placeholder: 'e.g. 123456',
	description:
		"Six digits. If the number already has two-step verification, use its current PIN; otherwise this PIN becomes the number's two-step PIN.",
};

const pinParameter = parameterOf(pinProperty, sixDigitPin);

export const option = graphOperation({
	name: 'Register',
	value: 'register',
	action: 'Register a phone number for Cloud API',
	toolDescription:
		'Registers a verified phone number (by phone-number ID) for Cloud API so it can send and receive messages, with the two-step PIN configured in the node. Returns success, or Meta\'s error with what to do.',
	description: 'Register a verified business phone number so it can send and receive messages, setting its two-step PIN',
	...registrationCallOnce,
	secrets: [pinParameter],
	routing: {
		request: { method: 'POST', body: { messaging_product: 'whatsapp' } },
		send: {
			preSend: [
				sendToGraphObject(phoneNumberIdParameter, '/register'),
				sendValidated({ ...pinParameter, sendAs: { in: 'body', property: 'pin' } }),
			],
		},
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [
	registrationLimitNotice,
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	pinProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Settings Meta accepts at registration',
		options: [
			{
				displayName: 'Data Localization Region',
				name: 'dataLocalizationRegion',
				type: 'options',
				default: 'DE',
				description:
					'Store message data at rest in this region (local storage). From Graph API v21.0 Meta takes it from WhatsApp Settings › Set Local Storage, run before registering; use this option with older versions.',
				options: DATA_LOCALIZATION_REGIONS,
				routing: { send: { type: 'body', property: 'data_localization_region' } },
			},
		],
	},
];
