import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { suggestionsIn, usernameAdvice, usernameNotice } from '../helpers/username';

/** One item per number: Graph's answer kept, its suggestions also as one flat list. */
async function listSuggestions(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, usernameSuggestions: suggestionsIn(item.json) } }));
}

export const option = graphOperation({
	name: 'Get Username Suggestions',
	value: 'getUsernameSuggestions',
	action: 'Get username suggestions for a phone number',
	toolDescription:
		'Lists the usernames Meta suggests for one phone number (by phone-number ID, digits); claim one with Set Username.',
	description: 'List the usernames Meta reserved for this business, ready to claim with Set Username',
	repeat: 'read',
	adviceFor: usernameAdvice,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/username_suggestions')] },
		output: { postReceive: [listSuggestions, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [usernameNotice, wabaForPhoneNumberList, phoneNumberIdLocator];
