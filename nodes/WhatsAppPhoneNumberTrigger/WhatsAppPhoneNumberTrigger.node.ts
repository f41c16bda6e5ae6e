import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { graphCredentials } from '../shared/transport';
import { TRIGGER_VERSION, triggerProperties } from './description';
import { claimChanges } from './claims';
import { answerHandshake, receiveDelivery } from './receive';
import { createSubscription, deleteSubscription, subscriptionExists } from './subscription';

export class WhatsAppPhoneNumberTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Phone Number Trigger',
		name: 'whatsAppPhoneNumberTrigger',
		icon: { light: 'file:whatsAppPhoneNumberTrigger.svg', dark: 'file:whatsAppPhoneNumberTrigger.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSION,
		subtitle: '={{$parameter["eventGroups"].join(", ")}}',
		description:
			'Starts the workflow on verified WhatsApp Business phone-number webhooks: capability, quality and status, and customer identity changes',
		defaults: { name: 'WhatsApp Phone Number Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: graphCredentials,
		// GET answers Meta's verification of the URL, POST receives the deliveries. POST's empty
		// responseData makes n8n answer with the body webhook() returns (unset, n8n 2.41 would
		// answer "firstEntryJson" and never read it: receive.ts saves the memory when it does).
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return this.getWebhookName() === 'setup' ? await answerHandshake.call(this) : await receiveDelivery.call(this);
	}

	// Each execution starts here with the items webhook() produced. A change that another
	// execution already ran is dropped here (see claims.ts). Test executions, and the Retry
	// of an execution that failed or crashed (which recorded its changes first), pass unchanged.
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (this.getMode() === 'manual' || this.getMode() === 'retry') return [items];
		return [await claimChanges(this, items)];
	}
}
