import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { OVERRIDE_FIELDS_RULE, webhookRouting } from '../../shared/callbackOverride';
import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

async function askForWebhookConfiguration(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return { ...requestOptions, qs: { ...(requestOptions.qs as IDataObject), fields: 'webhook_configuration' } };
}

/**
 * Meta answers `webhook_configuration` with the URLs that apply: `phone_number` (this number's
 * override), `whatsapp_business_account` (its WABA's), `application` (the app's). The output
 * names each and which one messaging webhooks go to now.
 */
async function describeRouting(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, ...webhookRouting(item.json), fieldsRule: OVERRIDE_FIELDS_RULE } }));
}

export const option = graphOperation({
	name: 'Get Callback Override',
	value: 'getCallbackOverride',
	action: 'Get the webhook callback override of a phone number',
	toolDescription:
		'Reads where a phone number\'s messaging webhooks go (its own callback override, its WABA\'s, or the app\'s URL), by phone-number ID.',
	description: "Read where this number's messaging webhooks go: its own override, its WABA's, or the app's callback URL",
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter), askForWebhookConfiguration] },
		output: { postReceive: [namingGraphId('phoneNumberId'), describeRouting] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
