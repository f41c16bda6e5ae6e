import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { transferProperty, usernameAdvice, usernameParameter, usernameNotice, usernameProperty } from '../helpers/username';

function transferAsked(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('transferFromOtherNumber', false) === true;
}

/** Meta's transfer choice is sent only when the user turned it on; Meta's default refuses a transfer. */
async function sendTransferChoice(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	if (!transferAsked(this)) return requestOptions;
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), transfer_action: 'force_transfer' } };
}

/** Graph answers with the username's status; the item adds the username sent and whether it was moved. */
async function describeClaim(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const username = getValidatedParameter(this, usernameParameter);
	const transferred = transferAsked(this);
	return items.map((item) => ({ ...item, json: { username, ...item.json, transferRequested: transferred } }));
}

export const option = graphOperation({
	name: 'Set Username',
	value: 'setUsername',
	action: 'Set the username of a phone number',
	toolDescription:
		'Claims a business username (@name) for one phone number (by phone-number ID, digits), using the username configured in the node; returns the state Meta gave it (reserved or approved).',
	description: 'Claim or change the business username of a number; optionally move it from another number of the portfolio',
	repeat: 'oneShotWrite',
	oneShotBecause:
		'a username claim can go through even when its answer is lost; sent again it could be refused as taken, or, with a transfer, move the username a second time',
	outcomeCheck: 'read it with Get Username: if it shows the username you sent, the claim arrived',
	adviceFor: usernameAdvice,
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(phoneNumberIdParameter, '/username'),
				sendValidated({ ...usernameParameter, sendAs: { in: 'body', property: 'username' } }),
				sendTransferChoice,
			],
		},
		output: { postReceive: [describeClaim, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [
	usernameNotice,
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	usernameProperty,
	transferProperty,
];
