import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneNumberIdField } from '../../shared/descriptions';
import { getValidatedParameter, sendToGraphObject, sendValidated, sixDigitPin } from '../../shared/validation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Two-step verification cannot be turned off through the API: this only sets a new PIN. Keep the PIN safe: it is needed to register the number again and to delete it in WhatsApp Manager.',
		name: 'twoStepPinNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'e.g. 123456',
		description: 'The new six-digit two-step verification PIN of the number',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['setTwoStepPin'] } }, properties);

/** Graph answers `{success: true}`; the PIN itself is never echoed back. */
async function reportPinSet(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdField);
	return items.map((item) => ({ json: { success: item.json.success === true, phoneNumberId } }));
}

export const routing = {
	request: { method: 'POST' as const },
	send: {
		preSend: [
			sendToGraphObject(phoneNumberIdField),
			sendValidated({ parameter: 'pin', label: 'PIN', schema: sixDigitPin, sendAs: { in: 'body', property: 'pin' } }),
		],
	},
	output: { postReceive: [reportPinSet] },
};
