import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { automationFieldsCollection, setAutomationFields } from '../helpers/conversationalAutomation';

async function sendAutomationFields(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = setAutomationFields(this);
	if (!Object.keys(fields).length) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no automation field was added', {
			description: 'Add Welcome Message, Ice Breakers or Commands under "Automation Fields".',
		});
	}
	return { ...requestOptions, body: fields };
}

/** Graph answers `{success: true}`; the output also shows what was set. */
async function reportUpdate(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const sent = setAutomationFields(this);
	return items.map((item) => ({ json: { success: item.json.success === true, ...sent } }));
}

export const option = graphOperation({
	name: 'Update Conversational Automation',
	value: 'updateConversationalAutomation',
	action: 'Update the welcome message, ice breakers and commands',
	toolDescription:
		'Changes a phone number\'s welcome message setting, ice breakers or commands (by phone-number ID).',
	description: 'Turn the welcome message on or off and replace the ice breakers or commands of the number',
	repeat: 'idempotentWrite',
	outcomeCheck: 'read it with Get Conversational Automation',
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/conversational_automation'), sendAutomationFields] },
		output: { postReceive: [reportUpdate, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator, automationFieldsCollection];
