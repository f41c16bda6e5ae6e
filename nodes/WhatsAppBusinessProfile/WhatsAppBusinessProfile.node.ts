import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as getConversationalAutomation from './operations/getConversationalAutomation.operation';
import * as getProfile from './operations/getProfile.operation';
import * as updateConversationalAutomation from './operations/updateConversationalAutomation.operation';
import * as updateProfile from './operations/updateProfile.operation';

const operations = [getProfile, updateProfile, getConversationalAutomation, updateConversationalAutomation];

export class WhatsAppBusinessProfile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Profile',
		name: 'whatsAppBusinessProfile',
		icon: { light: 'file:whatsAppBusinessProfile.svg', dark: 'file:whatsAppBusinessProfile.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Read and set what WhatsApp users see of a business phone number: the profile with its photo, the welcome message, ice breakers and commands',
		defaults: { name: 'WhatsApp Business Profile' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getProfile', description: 'What to read or change' }),
	};

	methods = { listSearch };
}
