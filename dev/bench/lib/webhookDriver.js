'use strict';
/**
 * Calls a trigger node's `webhook()` in-process the way n8n's production webhook server does for
 * one delivery, on n8n-core's real WebhookContext: the raw body is parsed like n8n's parseBody,
 * a new Workflow is built over the stored static data, and the static data is stored again only
 * when the node changed it (as LiveWebhooks and WorkflowStaticDataService do). No HTTP and no
 * database: what remains is the node's own work plus n8n's per-delivery context, equal for both.
 * (test/harness/webhook.ts does the same behind a real HTTP server; its driver is private.)
 */
const { NodeHelpers, Workflow } = require('n8n-workflow');
const { WebhookContext } = require('n8n-core');

const WEBHOOK_ID = '5f0c9a57-3b1e-4c55-9d43-2f1f0d7c8a11';

/** The response methods n8n's triggers use (Node's and express's); the status is recorded. */
function fakeResponse() {
	return {
		statusCode: 200,
		headersSent: false,
		writeHead(status) {
			this.statusCode = status;
			this.headersSent = true;
			return this;
		},
		status(status) {
			this.statusCode = status;
			return this;
		},
		type() {
			return this;
		},
		send() {
			this.headersSent = true;
			return this;
		},
		end() {
			this.headersSent = true;
			return this;
		},
		setHeader() {},
	};
}

/**
 * A driver for one trigger node: `deliver(rawBody, headers)` → { status, items }.
 * `nodeType` is the node's class instance; `credentialsHelper` answers its credential type.
 */
function webhookDriver({ nodeType, typeName, parameters, credentialType, credentialsHelper, additionalData, onReset = () => {}, roundTrip = true, workflowId = 'bench-workflow' }) {
	const description = nodeType.description;
	const node = {
		id: 'trigger-node',
		name: 'Trigger',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: {},
		credentials: { [credentialType]: { id: '1', name: 'bench' } },
	};
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const webhookDescription = description.webhooks.find((webhook) => webhook.httpMethod === 'POST');
	// What n8n stores: JSON text, parsed for every request and written when it changed.
	// `roundTrip: false` keeps the object as it is, to measure what that JSON costs.
	let storedStaticData = '{}';
	let storedObject = {};

	async function deliver(rawBody, headers) {
		const request = { rawBody, headers, query: {}, params: {}, body: JSON.parse(rawBody.toString('utf8')) };
		const response = fakeResponse();
		const workflow = new Workflow({
			id: workflowId,
			name: 'bench',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: roundTrip ? JSON.parse(storedStaticData) : storedObject,
		});
		const data = { ...additionalData, credentialsHelper, httpRequest: request, httpResponse: response };
		const webhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${WEBHOOK_ID}/${webhookDescription.path}`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: data,
			webhookId: WEBHOOK_ID,
		};
		const context = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
		const result = await nodeType.webhook.call(context);
		if (workflow.staticData.__dataChanged === true) {
			if (roundTrip) {
				storedStaticData = JSON.stringify(workflow.staticData, (key, value) => (key === '__dataChanged' ? undefined : value));
			} else {
				// Plain copies of the two levels n8n wraps in proxies; the values are strings.
				storedObject = Object.fromEntries(
					Object.entries(workflow.staticData).map(([key, value]) => [key, typeof value === 'object' && value !== null ? { ...value } : value]),
				);
			}
		}
		const items = result.workflowData ? result.workflowData[0].length : 0;
		return { status: result.noWebhookResponse ? response.statusCode : 200, started: result.workflowData !== undefined, items };
	}

	return {
		deliver,
		resetMemory() {
			storedStaticData = '{}';
			storedObject = {};
			onReset();
		},
		get staticDataBytes() {
			return roundTrip ? storedStaticData.length : JSON.stringify(storedObject).length;
		},
	};
}

module.exports = { webhookDriver };
