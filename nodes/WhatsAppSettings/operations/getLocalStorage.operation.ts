import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { localStorageOf } from '../helpers/localStorage';

/** Graph's settings as sent (`storage_configuration` included), the local storage in plain names beside them. */
async function outputLocalStorage(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ json: { ...item.json, ...localStorageOf(item.json) } }));
}

export const option = graphOperation({
	name: 'Get Local Storage',
	value: 'getLocalStorage',
	action: 'Get the local storage setting of a phone number',
	toolDescription:
		'Reads whether a phone number (by phone-number ID) keeps message data at rest in one region, and which.',
	description: 'Read whether message data at rest is kept in one region, and which',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings')] },
		output: { postReceive: [outputLocalStorage, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
