import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';

/** Each app as Graph gives it, plus its ID, name and override under plain names, and the WABA. */
async function describeApps(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const wabaId = getValidatedParameter(this, wabaIdParameter);
	return items.map((item) => {
		const app = (item.json.whatsapp_business_api_data ?? {}) as IDataObject;
		const override = item.json.override_callback_uri;
		return {
			...item,
			json: {
				...item.json,
				wabaId,
				appId: app.id === undefined ? null : String(app.id),
				appName: typeof app.name === 'string' ? app.name : null,
				overrideCallbackUri: typeof override === 'string' && override ? override : null,
			},
		};
	});
}

export const option = graphOperation({
	name: 'Get Subscribed Apps',
	value: 'getSubscribedApps',
	action: 'Get the apps subscribed to a WhatsApp Business Account',
	toolDescription:
		'Lists the apps that receive a WABA\'s webhooks (by WABA ID), each with its callback override.',
	description: "List the apps that receive a WABA's webhooks, each with its callback override if it has one",
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(wabaIdParameter, '/subscribed_apps')] },
		output: { postReceive: [describeApps] },
	},
});

export const properties: INodeProperties[] = [
	{ ...wabaIdLocator, description: 'The WhatsApp Business Account (WABA) whose subscribed apps to list' },
];
