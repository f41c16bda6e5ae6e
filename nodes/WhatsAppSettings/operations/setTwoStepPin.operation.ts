import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { parameterOf } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { sixDigitPin } from '../../shared/schemas';

const pinProperty: INodeProperties = {
	displayName: 'PIN',
	name: 'pin',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	placeholder: 'e.g. 123456',
	description: 'The new six-digit two-step verification PIN of the number',
};

const pinParameter = parameterOf(pinProperty, sixDigitPin);

export const option = graphOperation({
	name: 'Set Two-Step Verification PIN',
	value: 'setTwoStepPin',
	action: 'Set the two step verification pin',
	toolDescription:
		'Sets a new two-step verification PIN, configured in the node, for a phone number (by phone-number ID).',
	description: 'Set a new six-digit two-step verification PIN for the number',
	// Setting the same PIN twice leaves the same PIN.
	repeat: 'idempotentWrite',
	outcomeCheck: 'setting the same PIN again is safe, so run the node again',
	secrets: [pinParameter],
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(phoneNumberIdParameter),
				sendValidated({ ...pinParameter, sendAs: { in: 'body', property: 'pin' } }),
			],
		},
		// Graph answers `{success: true}`; the PIN itself is never echoed back.
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	{
		displayName:
			'Two-step verification cannot be turned off through the API: this only sets a new PIN. Keep the PIN safe: it is needed to register the number again and to delete it in WhatsApp Manager.',
		name: 'twoStepPinNotice',
		type: 'notice',
		default: '',
	},
	pinProperty,
];
