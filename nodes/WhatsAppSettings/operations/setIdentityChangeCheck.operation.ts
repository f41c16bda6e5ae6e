import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	{
		displayName:
			'With the check on, Meta adds each customer\'s identity hash to message webhooks. A message sent with an old hash is not delivered when the customer\'s identity changed (new phone, reinstall): a status webhook reports error 137000 instead. Watch for it with the WhatsApp Phone Number Trigger\'s identity events, re-establish trust outside WhatsApp, then resend without the hash.',
		name: 'identityChangeCheckNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Identity Change Check',
		name: 'identityKeyCheckEnabled',
		type: 'boolean',
		default: true,
		description:
			'Whether Meta checks that a customer\'s identity is unchanged before delivering a message that carries their identity hash',
		routing: {
			send: { type: 'body', property: 'user_identity_change.enable_identity_key_check' },
		},
	},
];

async function reportIdentityCheck(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const identityKeyCheckEnabled = this.getNodeParameter('identityKeyCheckEnabled') as boolean;
	return items.map((item) => ({ json: { success: item.json.success === true, identityKeyCheckEnabled } }));
}

export const option = graphOperation({
	name: 'Set Identity Change Check',
	value: 'setIdentityChangeCheck',
	action: 'Turn the identity change check on or off',
	toolDescription: 'Turns a phone number\'s identity change check on or off (by phone-number ID).',
	description: 'Refuse messages to customers whose identity changed since you stored their hash',
	repeat: 'idempotentWrite',
	outcomeCheck: 'read it with Get Identity Change Check',
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings')] },
		output: { postReceive: [reportIdentityCheck, taggedWithPhoneNumber] },
	},
});
