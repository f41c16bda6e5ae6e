import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneNumberIdField } from '../../shared/descriptions';
import { getValidatedParameter, sendToGraphObject } from '../../shared/validation';

const properties: INodeProperties[] = [
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

export const description = updateDisplayOptions({ show: { operation: ['setIdentityChangeCheck'] } }, properties);

async function reportIdentityCheck(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdField);
	const identityKeyCheckEnabled = this.getNodeParameter('identityKeyCheckEnabled') as boolean;
	return items.map((item) => ({
		json: { success: item.json.success === true, phoneNumberId, identityKeyCheckEnabled },
	}));
}

export const routing = {
	request: { method: 'POST' as const },
	send: { preSend: [sendToGraphObject(phoneNumberIdField, '/settings')] },
	output: { postReceive: [reportIdentityCheck] },
};
