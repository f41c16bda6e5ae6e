import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	callbackUrlProperty,
	optionalCallbackUrl,
	optionalVerifyToken,
	OVERRIDE_FIELDS_RULE,
	OVERRIDE_ORDER,
	verifyTokenParameter,
	verifyTokenProperty,
	wabaOverrideBody,
} from '../../shared/callbackOverride';
import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { idsOf, taggedWith } from '../../shared/outputs';
import { parameterOf, getValidatedParameter, parseParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';

const overrideUrlProperty: INodeProperties = {
	...callbackUrlProperty,
	displayName: 'Override Callback URL',
	required: false,
	description:
		"An https:// address, up to 200 characters, that receives this WABA's messaging webhooks instead of the app's callback URL; Meta checks it with a hub.challenge request. Leave empty to subscribe without an override (which also removes the WABA's override).",
};

const overrideTokenProperty: INodeProperties = {
	...verifyTokenProperty,
	required: false,
	description: "The token the override URL expects in Meta's hub.verify_token check, without spaces. Needed only with an override URL; never shown in the output.",
};

const overrideUrlParameter = parameterOf(overrideUrlProperty, optionalCallbackUrl, {
	hint: 'Enter the full https:// address of the receiving workflow\'s webhook, up to 200 characters, or leave it empty for no override.',
});
// Always readable, so the runner can hide its value from errors even when no override is asked for.
const overrideTokenParameter = parameterOf(overrideTokenProperty, optionalVerifyToken, {
	hint: 'Enter the verify token the receiving webhook expects, without spaces.',
});

/** Without an override URL the body is empty: a plain subscription. */
async function sendSubscription(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const overrideUrl = getValidatedParameter(this, overrideUrlParameter);
	if (!overrideUrl) return requestOptions;
	// With a URL, the token is required: the strict field gives "Verify Token must not be empty".
	const token = parseParameter(this.getNode(), verifyTokenParameter, getValidatedParameter(this, overrideTokenParameter));
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), ...wabaOverrideBody(overrideUrl, token) } };
}

async function describeSubscription(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const overrideCallbackUri = getValidatedParameter(this, overrideUrlParameter) || null;
	return items.map((item) => ({ ...item, json: { ...item.json, overrideCallbackUri, fieldsRule: OVERRIDE_FIELDS_RULE } }));
}

export const option = graphOperation({
	name: 'Subscribe App',
	value: 'subscribeApp',
	action: 'Subscribe the app to a WhatsApp Business Account',
	toolDescription:
		'Subscribes the credential\'s app to a WABA\'s webhooks (by WABA ID), optionally with a callback override.',
	description:
		"Subscribe the credential's app to a WABA's webhooks, optionally sending its messaging webhooks to another callback URL than the app's",
	// Subscribing again with the same override leaves the same subscription.
	repeat: 'idempotentWrite',
	outcomeCheck: 'subscribing again is safe, so run the node again, or list them with Get Subscribed Apps',
	secrets: [overrideTokenParameter],
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(wabaIdParameter, '/subscribed_apps'), sendSubscription] },
		output: { postReceive: [taggedWith(idsOf({ wabaId: wabaIdParameter })), describeSubscription] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName: `${OVERRIDE_FIELDS_RULE} ${OVERRIDE_ORDER}`,
		name: 'subscribeAppNotice',
		type: 'notice',
		default: '',
	},
	{ ...wabaIdLocator, description: 'The WhatsApp Business Account (WABA) whose webhooks the app receives' },
	overrideUrlProperty,
	overrideTokenProperty,
];
