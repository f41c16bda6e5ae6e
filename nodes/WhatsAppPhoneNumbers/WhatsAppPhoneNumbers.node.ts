import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { graphApiNode, graphRequestProperty } from '../shared/transport';
import * as create from './operations/create.operation';
import * as createFromPreVerified from './operations/createFromPreVerified.operation';
import * as deregister from './operations/deregister.operation';
import * as get from './operations/get.operation';
import * as getAll from './operations/getAll.operation';
import * as getDisplayNameStatus from './operations/getDisplayNameStatus.operation';
import * as register from './operations/register.operation';

// Alphabetical by name, the order n8n lists operations in.
const operations = [create, createFromPreVerified, deregister, get, getDisplayNameStatus, getAll, register];

export class WhatsAppPhoneNumbers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Phone Numbers',
		name: 'whatsAppPhoneNumbers',
		icon: { light: 'file:whatsAppPhoneNumbers.svg', dark: 'file:whatsAppPhoneNumbers.dark.svg' },
		group: ['output'],
		version: 1,
		// The operation's name in words rather than its internal value; a test keeps this map complete.
		subtitle:
			'={{ ({ create: "Create", createFromPreVerified: "Create From Pre-Verified Number", deregister: "Deregister", get: "Get", getDisplayNameStatus: "Get Display Name Status & Certificate", getAll: "Get Many", register: "Register" })[$parameter["operation"]] }}',
		description: 'List, inspect, create, register and deregister WhatsApp Business phone numbers',
		defaults: { name: 'WhatsApp Phone Numbers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode,
		properties: [
			graphRequestProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'getAll',
				description: 'What to do with business phone numbers',
				options: operations.map(({ option }) => option),
			},
			...operations.flatMap(({ description }) => description),
		],
	};

	methods = { listSearch };
}
