import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { usernameAdvice, usernameNotice } from '../helpers/username';

/** Graph answers `{success: true}`; the item names the state the username is left in. */
async function describeDeletion(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { status: 'deleted', ...item.json } }));
}

export const option = graphOperation({
	name: 'Delete Username',
	value: 'deleteUsername',
	action: 'Delete the username of a phone number',
	toolDescription:
		'Removes the business username of one phone number (by phone-number ID, digits); the name becomes free for others to claim.',
	description: 'Remove the business username of a number; the username becomes free for others to claim',
	// Deleting twice leaves the number without a username all the same.
	repeat: 'idempotentWrite',
	outcomeCheck: 'read it with Get Username: hasUsername false means it was deleted',
	adviceFor: usernameAdvice,
	routing: {
		request: { method: 'DELETE' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/username')] },
		output: { postReceive: [describeDeletion, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [usernameNotice, wabaForPhoneNumberList, phoneNumberIdLocator];
