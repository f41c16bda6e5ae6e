import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { appNotSubscribedAdvice, OVERRIDE_ORDER, PHONE_NUMBER_WITHOUT_OVERRIDE } from '../../shared/callbackOverride';
import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

async function describeCleared(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, overrideCallbackUri: null, note: OVERRIDE_ORDER } }));
}

export const option = graphOperation({
	name: 'Clear Callback Override',
	value: 'clearCallbackOverride',
	action: 'Clear the webhook callback override of a phone number',
	toolDescription:
		'Removes a phone number\'s own webhook callback override (by phone-number ID), so its webhooks go to the WABA\'s or app\'s URL again.',
	description: "Remove this number's callback override, so its messaging webhooks go to the WABA's override or the app's callback URL again",
	// Clearing an override that is already gone leaves it gone.
	repeat: 'idempotentWrite',
	outcomeCheck: 'clearing again is safe, so run the node again, or read it with Get Callback Override',
	adviceFor: appNotSubscribedAdvice,
	routing: {
		request: { method: 'POST', body: PHONE_NUMBER_WITHOUT_OVERRIDE },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter)] },
		output: { postReceive: [taggedWithPhoneNumber, describeCleared] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
