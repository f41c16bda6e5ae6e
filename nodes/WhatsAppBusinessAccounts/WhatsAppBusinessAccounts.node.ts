import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as get from './operations/get.operation';
import * as getAll from './operations/getAll.operation';
import * as getSubscribedApps from './operations/getSubscribedApps.operation';
import * as subscribeApp from './operations/subscribeApp.operation';
import * as unsubscribeApp from './operations/unsubscribeApp.operation';

const operations = [get, getAll, getSubscribedApps, subscribeApp, unsubscribeApp];

export class WhatsAppBusinessAccounts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Accounts',
		name: 'whatsAppBusinessAccounts',
		icon: { light: 'file:whatsAppBusinessAccounts.svg', dark: 'file:whatsAppBusinessAccounts.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'List the WhatsApp Business Accounts of a business portfolio, owned and client, read one with its review, verification and health, and manage the app\'s webhook subscription and callback override',
		defaults: { name: 'WhatsApp Business Accounts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getAll', description: 'What to do with WhatsApp Business Accounts' }),
	};

	methods = { listSearch };
}
