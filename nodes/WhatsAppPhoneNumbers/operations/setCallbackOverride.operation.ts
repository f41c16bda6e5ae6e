import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	appNotSubscribedAdvice,
	callbackUrlParameter,
	callbackUrlProperty,
	OVERRIDE_FIELDS_RULE,
	OVERRIDE_ORDER,
	phoneNumberOverrideBody,
	verifyTokenParameter,
	verifyTokenProperty,
} from '../../shared/callbackOverride';
import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';

/** Meta nests the override in `webhook_configuration`. */
async function sendOverride(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const override = phoneNumberOverrideBody(getValidatedParameter(this, callbackUrlParameter), getValidatedParameter(this, verifyTokenParameter));
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), ...override } };
}

/** Graph answers `{success: true}`: the output names the URL set, never the token. */
async function describeOverride(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const overrideCallbackUri = getValidatedParameter(this, callbackUrlParameter);
	return items.map((item) => ({ ...item, json: { ...item.json, overrideCallbackUri, fieldsRule: OVERRIDE_FIELDS_RULE } }));
}

export const option = graphOperation({
	name: 'Set Callback Override',
	value: 'setCallbackOverride',
	action: 'Set the webhook callback override of a phone number',
	toolDescription:
		'Sends a phone number\'s messaging webhooks to another callback URL than the app\'s (by phone-number ID).',
	description: "Send this number's messaging webhooks to another callback URL than the app's, so one Meta app can serve many workflows",
	// Setting the same URL and token again leaves the same override.
	repeat: 'idempotentWrite',
	outcomeCheck: 'setting the same override again is safe, so run the node again, or read it with Get Callback Override',
	secrets: [verifyTokenParameter],
	adviceFor: appNotSubscribedAdvice,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter), sendOverride] },
		output: { postReceive: [taggedWithPhoneNumber, describeOverride] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName: `The app must be subscribed to the number's WABA first (WhatsApp Business Accounts › Subscribe App). ${OVERRIDE_FIELDS_RULE} ${OVERRIDE_ORDER}`,
		name: 'setCallbackOverrideNotice',
		type: 'notice',
		default: '',
	},
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	callbackUrlProperty,
	verifyTokenProperty,
];
