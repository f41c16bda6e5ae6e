import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { phoneNumberIdField } from '../../shared/descriptions';
import { getValidatedParameter, sendToGraphObject } from '../../shared/validation';

/** Graph's settings as they come (calling, storage, identity check…), tagged with the number they belong to. */
async function tagWithPhoneNumber(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdField);
	return items.map((item) => ({ json: { phoneNumberId, ...item.json } }));
}

export const routing = {
	request: { method: 'GET' as const },
	send: { preSend: [sendToGraphObject(phoneNumberIdField, '/settings')] },
	output: { postReceive: [tagWithPhoneNumber] },
};
