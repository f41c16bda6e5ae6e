import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as getCallingSettings from './operations/getCallingSettings.operation';
import * as getIdentityChangeCheck from './operations/getIdentityChangeCheck.operation';
import * as getLocalStorage from './operations/getLocalStorage.operation';
import * as getSettings from './operations/getSettings.operation';
import * as setIdentityChangeCheck from './operations/setIdentityChangeCheck.operation';
import * as setLocalStorage from './operations/setLocalStorage.operation';
import * as setTwoStepPin from './operations/setTwoStepPin.operation';
import * as updateCallingSettings from './operations/updateCallingSettings.operation';

const operations = [
	getCallingSettings,
	getIdentityChangeCheck,
	getLocalStorage,
	getSettings,
	setIdentityChangeCheck,
	setLocalStorage,
	setTwoStepPin,
	updateCallingSettings,
];

export class WhatsAppSettings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Settings',
		name: 'whatsAppSettings',
		icon: { light: 'file:whatsAppSettings.svg', dark: 'file:whatsAppSettings.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Set the two-step verification PIN, the identity change check, the local storage and the calling settings of a WhatsApp business phone number, and read its settings',
		defaults: { name: 'WhatsApp Settings' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getSettings', description: 'Which setting of the phone number to read or change' }),
	};

	methods = { listSearch };
}
