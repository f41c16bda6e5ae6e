import type { IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { chosenPhoneNumberId, sendToPhoneNumber } from '../phoneNumber';

/** Graph's settings as they come (calling, storage, identity check…), tagged with the number they belong to. */
async function tagWithPhoneNumber(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = chosenPhoneNumberId(this);
	return items.map((item) => ({ json: { phoneNumberId, ...item.json } }));
}

export const routing = {
	request: { method: 'GET' as const },
	send: { preSend: [sendToPhoneNumber('/settings')] },
	output: { postReceive: [tagWithPhoneNumber] },
};
