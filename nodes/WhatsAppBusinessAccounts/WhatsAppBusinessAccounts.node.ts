import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as get from './operations/get.operation';
import * as getAll from './operations/getAll.operation';

const operations = [get, getAll];

export class WhatsAppBusinessAccounts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Accounts',
		name: 'whatsAppBusinessAccounts',
		icon: { light: 'file:whatsAppBusinessAccounts.svg', dark: 'file:whatsAppBusinessAccounts.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'List the WhatsApp Business Accounts of a business portfolio, owned and client, and read one with its review, verification and health',
		defaults: { name: 'WhatsApp Business Accounts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getAll', description: 'What to do with WhatsApp Business Accounts' }),
	};

	methods = { listSearch };
}
