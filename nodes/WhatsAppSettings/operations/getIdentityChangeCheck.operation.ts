import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

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
	return items.map((item) => ({ json: { identityKeyCheckEnabled: identityKeyCheckEnabled(item.json) } }));
}

export const option = graphOperation({
	name: 'Get Identity Change Check',
	value: 'getIdentityChangeCheck',
	action: 'Get whether the identity change check is on',
	toolDescription:
		'Reads whether a phone number (by phone-number ID) checks messages against the customer\'s identity.',
	description: "Read whether messages are checked against the customer's identity hash",
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings')] },
		output: { postReceive: [outputIdentityCheck, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
