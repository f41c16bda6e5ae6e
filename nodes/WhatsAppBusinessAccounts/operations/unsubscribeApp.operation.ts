import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { idsOf, taggedWith } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

const UNSUBSCRIBED_NOTE =
	"The app no longer receives any webhook of this WABA, neither at its callback URL nor at an override; the numbers' own overrides stop receiving too.";

async function describeUnsubscribed(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, note: UNSUBSCRIBED_NOTE } }));
}

export const option = graphOperation({
	name: 'Unsubscribe App',
	value: 'unsubscribeApp',
	action: 'Unsubscribe the app from a WhatsApp Business Account',
	toolDescription: 'Stops the credential\'s app receiving a WABA\'s webhooks (by WABA ID).',
	description: "Stop the credential's app receiving a WABA's webhooks (its override goes with it)",
	// Unsubscribing an app that is not subscribed leaves it unsubscribed.
	repeat: 'idempotentWrite',
	outcomeCheck: 'unsubscribing again is safe, so run the node again, or list them with Get Subscribed Apps',
	routing: {
		request: { method: 'DELETE' },
		send: { preSend: [sendToGraphObject(wabaIdParameter, '/subscribed_apps')] },
		output: { postReceive: [taggedWith(idsOf({ wabaId: wabaIdParameter })), describeUnsubscribed] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName: "Every workflow that relies on this WABA's webhooks stops receiving them, including the WhatsApp Phone Number Trigger's.",
		name: 'unsubscribeAppNotice',
		type: 'notice',
		default: '',
	},
	{ ...wabaIdLocator, description: 'The WhatsApp Business Account (WABA) to unsubscribe the app from' },
];
