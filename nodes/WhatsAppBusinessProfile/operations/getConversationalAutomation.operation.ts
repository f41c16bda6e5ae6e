import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { automationOf } from '../helpers/conversationalAutomation';

/** Graph's answer as sent (`conversational_automation`, `id`), its parts at the top level beside it. */
async function outputAutomation(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ json: { ...item.json, ...automationOf(item.json) } }));
}

export const option = graphOperation({
	name: 'Get Conversational Automation',
	value: 'getConversationalAutomation',
	action: 'Get the welcome message, ice breakers and commands',
	toolDescription:
		'Reads a phone number\'s welcome message setting, ice breakers and commands (by phone-number ID).',
	description: 'Read whether the welcome message is on, and the ice breakers and commands of the number',
	repeat: 'read',
	routing: {
		// Meta reads it as a field of the number; the edge only takes writes.
		request: { method: 'GET', qs: { fields: 'conversational_automation' } },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter)] },
		output: { postReceive: [outputAutomation, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
