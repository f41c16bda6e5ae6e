import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { otpCode, sendValidated } from '../../shared/validation';
import { chosenNumber, sendToChosenNumber } from '../numberTarget';

const properties: INodeProperties[] = [
	{
		displayName: 'One-Time Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 123-456',
		description:
			'The six-digit code from the SMS or voice call, with or without the hyphen (123456 or 123-456). Usually an expression reading it from a Form or chat node.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['verifyCode'] } }, properties);

/**
 * Graph answers `{success: true}`, and success is exactly what sets the number's
 * `code_verification_status` to VERIFIED, so the status is reported without a second
 * (rate-limited, billed) call. Get Verification Status reads it back when needed.
 */
async function reportVerified(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { id } = chosenNumber(this);
	return items.map((item) => {
		const success = item.json.success === true;
		return { json: { success, id, ...(success ? { codeVerificationStatus: 'VERIFIED' } : {}) } };
	});
}

export const routing = {
	request: { method: 'POST' as const },
	send: {
		preSend: [
			sendToChosenNumber('/verify_code'),
			// The SMS shows 123-456; Graph wants the six digits only.
			sendValidated({ parameter: 'code', label: 'One-Time Code', schema: otpCode, sendAs: { in: 'qs', property: 'code' } }),
		],
	},
	output: { postReceive: [reportVerified] },
};
