import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { phoneNumberIdField } from '../../shared/descriptions';
import { getValidatedParameter, sendToGraphObject } from '../../shared/validation';

/**
 * Meta's docs name the flag `enable_identity_key_check`, its OpenAPI description `enabled`;
 * either is read. The check is opt-in, so a number that never set it reads as off.
 */
export function identityKeyCheckEnabled(settings: IDataObject): boolean {
	const identityChange = (settings.user_identity_change ?? {}) as IDataObject;
	const flag = identityChange.enable_identity_key_check ?? identityChange.enabled;
	return flag === true || flag === 'true';
}

async function outputIdentityCheck(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdField);
	return items.map((item) => ({
		json: { phoneNumberId, identityKeyCheckEnabled: identityKeyCheckEnabled(item.json) },
	}));
}

export const routing = {
	request: { method: 'GET' as const },
	send: { preSend: [sendToGraphObject(phoneNumberIdField, '/settings')] },
	output: { postReceive: [outputIdentityCheck] },
};
