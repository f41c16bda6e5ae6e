import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** The phone-number ID the user chose, as the URL used it. */
function chosenPhoneNumberId(context: IExecuteSingleFunctions): string {
	return String(context.getNodeParameter('phoneNumberId', undefined, { extractValue: true }) ?? '').trim();
}

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
	const phoneNumberId = chosenPhoneNumberId(this);
	return items.map((item) => ({ json: { success: item.json.success === true, phoneNumberId } }));
}
