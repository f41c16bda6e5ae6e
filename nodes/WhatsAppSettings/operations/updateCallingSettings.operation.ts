import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { asNodeError } from '../../shared/graphAnswer';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';
import type { GraphClient } from '../../shared/transport';
import { callingAdvice, callingChanges, callingNotice, callingOf, callingSettingsProperty } from '../helpers/calling';

/** Only the settings the user added go into `calling`; Meta keeps the others. */
async function sendCallingChanges(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), calling: callingChanges(this) } };
}

/** The settings sent, by Meta's names, so the item says what was changed. */
async function noteChanges(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const changed = Object.keys(callingChanges(this));
	return items.map((item) => ({ ...item, json: { success: item.json.success === true, changed } }));
}

/**
 * Graph answers the write with `{success: true}` only; the settings Meta now holds are read
 * back, so the item shows the calling settings in force, not just what was asked for.
 */
async function readBackCalling(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	graph: GraphClient,
): Promise<INodeExecutionData[]> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdParameter);
	let settings: IDataObject;
	try {
		settings = (await graph.send({ method: 'GET', url: `/${phoneNumberId}/settings` })) as IDataObject;
	} catch (error) {
		const nodeError = asNodeError(this.getNode(), error);
		nodeError.message = `The calling settings were updated, but reading them back failed: ${nodeError.message}`;
		throw nodeError;
	}
	return items.map((item) => ({ ...item, json: { ...item.json, ...callingOf(settings) } }));
}

export const option = graphOperation({
	name: 'Update Calling Settings',
	value: 'updateCallingSettings',
	action: 'Update the calling settings of a phone number',
	toolDescription:
		'Changes the calling settings configured in the node for one phone number (by phone-number ID, digits), then reads back the settings in force.',
	description: 'Turn calling on or off and set the call button, call hours, callback permission or SIP; then read the settings back',
	// Sending the same settings twice leaves the same settings.
	repeat: 'idempotentWrite',
	outcomeCheck: 'read them with Get Calling Settings',
	adviceFor: callingAdvice,
	finish: readBackCalling,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings'), sendCallingChanges] },
		output: { postReceive: [noteChanges, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [callingNotice, wabaForPhoneNumberList, phoneNumberIdLocator, callingSettingsProperty];
