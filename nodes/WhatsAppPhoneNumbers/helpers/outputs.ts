import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { phoneNumberIdField } from '../../shared/descriptions';
import { getValidatedParameter } from '../../shared/validation';

/** `postReceive`: Graph answers `{id}`; name it so the next node (Register) can use it as is. */
export async function outputNewPhoneNumberId(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map(({ json: { id, ...rest } }) => ({ json: { phoneNumberId: id, ...rest } }));
}

/**
 * `postReceive` for register and deregister: Graph only says `{success}`, so the output
 * names the number it was about. Built from scratch so nothing of the request (the PIN)
 * can reach the output.
 */
export async function outputRegistrationResult(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdField);
	return items.map((item) => ({ json: { success: item.json.success === true, phoneNumberId } }));
}
