import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { graphCredentials, graphRequestDefaults, graphRequestProperty, sendGraphRequest } from '../shared/transport';
import * as get from './operations/get.operation';

export class WhatsAppPhoneNumbers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Phone Numbers',
		name: 'whatsAppPhoneNumbers',
		icon: { light: 'file:whatsAppPhoneNumbers.svg', dark: 'file:whatsAppPhoneNumbers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'List, inspect, create, register and deregister WhatsApp Business phone numbers',
		defaults: { name: 'WhatsApp Phone Numbers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: graphCredentials,
		requestDefaults: graphRequestDefaults,
		requestOperations: { pagination: sendGraphRequest },
		properties: [
			graphRequestProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'get',
				options: [
					{
						name: 'Get',
						value: 'get',
						action: 'Get a phone number',
						description: 'Read one business phone number with the fields you choose',
						routing: get.getRouting,
					},
				],
			},
			...get.description,
		],
	};

	methods = { listSearch };
}
