import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { callingAdvice, callingNotice, callingOf } from '../helpers/calling';

/** Graph's `calling` object as it comes, with `callingEnabled` beside it. */
async function outputCalling(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ json: callingOf(item.json) }));
}

export const option = graphOperation({
	name: 'Get Calling Settings',
	value: 'getCallingSettings',
	action: 'Get the calling settings of a phone number',
	toolDescription:
		'Reads the calling settings of one phone number (by phone-number ID, digits): whether calling is on, the call button, call hours and callback permission.',
	description: 'Read whether calling is on, the call button, call hours, callback permission and SIP of a number',
	repeat: 'read',
	adviceFor: callingAdvice,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings')] },
		output: { postReceive: [outputCalling, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [callingNotice, wabaForPhoneNumberList, phoneNumberIdLocator];
