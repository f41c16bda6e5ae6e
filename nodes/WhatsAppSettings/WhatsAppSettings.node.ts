import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { phoneNumberIdLocator, wabaForPhoneNumberList } from '../shared/descriptions';
import { listSearch } from '../shared/listSearch';
import { graphApiNode, graphRequestProperty } from '../shared/transport';
import * as getIdentityChangeCheck from './operations/getIdentityChangeCheck.operation';
import * as getSettings from './operations/getSettings.operation';
import * as setIdentityChangeCheck from './operations/setIdentityChangeCheck.operation';
import * as setTwoStepPin from './operations/setTwoStepPin.operation';

export class WhatsAppSettings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Settings',
		name: 'whatsAppSettings',
		icon: { light: 'file:whatsAppSettings.svg', dark: 'file:whatsAppSettings.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Set the two-step verification PIN and the identity change check of a WhatsApp business phone number, and read its settings',
		defaults: { name: 'WhatsApp Settings' },
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
				description: 'Which setting of the phone number to read or change',
				default: 'getSettings',
				options: [
					{
						name: 'Get Identity Change Check',
						value: 'getIdentityChangeCheck',
						action: 'Get whether the identity change check is on',
						description: 'Read whether messages are checked against the customer\'s identity hash',
						routing: getIdentityChangeCheck.routing,
					},
					{
						name: 'Get Settings',
						value: 'getSettings',
						action: 'Get the settings of a phone number',
						description: 'Read all settings of the number (identity check, calling, local storage…)',
						routing: getSettings.routing,
					},
					{
						name: 'Set Identity Change Check',
						value: 'setIdentityChangeCheck',
						action: 'Turn the identity change check on or off',
						description: 'Refuse messages to customers whose identity changed since you stored their hash',
						routing: setIdentityChangeCheck.routing,
					},
					{
						name: 'Set Two-Step Verification PIN',
						value: 'setTwoStepPin',
						action: 'Set the two step verification pin',
						description: 'Set a new six-digit two-step verification PIN for the number',
						routing: setTwoStepPin.routing,
					},
				],
			},
			wabaForPhoneNumberList,
			phoneNumberIdLocator,
			...setTwoStepPin.description,
			...setIdentityChangeCheck.description,
		],
	};

	methods = { listSearch };
}
