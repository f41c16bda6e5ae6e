'use strict';
/**
 * The trigger's override mode in a real n8n: a workflow with the trigger (version 2, "Per WABA /
 * Per Number Override") is activated; the sandbox must then send the WABA's messaging webhooks to
 * n8n's production URL (after the hub.challenge handshake) while the app subscription stays
 * untouched, and deactivating must clear the override.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { nodeOutput, sleep } = require('../../dev/n8n/lib/n8n');

const WABA = '102290129340398';
const PHONE_NUMBER_ID = '106540352242922';
const WEBHOOK_ID = '2b8e4c1d-7a3f-4e6b-9c0d-1f2e3a4b5c6d';
const TRIGGER = 'WhatsApp override events';

let stack;
let workflowId;
let productionUrl;

const appEntry = () => stack.sandbox.state.wabas.find((waba) => waba.id === WABA).subscribed_apps.find((app) => app.id === stack.sandbox.credentials.appId);

beforeAll(async () => {
	stack = await startStack({ only: [] });
	productionUrl = `${stack.n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const created = await stack.client.createWorkflow({
		name: 'Override trigger (e2e)',
		nodes: [
			{
				id: 'b1c2d3e4-0000-4000-8000-000000000001',
				name: TRIGGER,
				type: 'n8n-nodes-whatsapp-phone-numbers.whatsAppPhoneNumberTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {
					subscriptionScope: 'override',
					eventGroups: ['identity'],
					identityEvents: ['identity_key_hash_seen'],
					wabas: { waba: [{ wabaId: { __rl: true, mode: 'list', value: WABA } }] },
				},
				credentials: { whatsAppBusinessManagementApi: { id: String(stack.credential.id), name: stack.credential.name } },
			},
		],
		connections: {},
	});
	workflowId = created.id;
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('activating points only the WABA at the production URL; deactivating clears it', async () => {
	const appSubscriptionsBefore = stack.sandbox.state.appSubscriptions;
	await stack.client.activateWorkflow(workflowId);
	expect(appEntry()).toEqual({ id: stack.sandbox.credentials.appId, override_callback_uri: productionUrl });
	expect(stack.sandbox.world.handshakes).toEqual([expect.objectContaining({ callback_url: productionUrl, status: 200 })]);
	// The app-level subscription is never written in this mode.
	expect(stack.sandbox.state.appSubscriptions).toEqual(appSubscriptionsBefore);
	expect(stack.sandbox.counts.endpoints['POST /{app}/subscriptions']).toBeUndefined();

	// Meta would send this number's messages to the WABA's override: here.
	const sent = await stack.sandbox.sendWebhook({
		kind: 'identity_message',
		params: { wabaId: WABA, phoneNumberId: PHONE_NUMBER_ID, identityKeyHash: 'E2eHash0001=' },
	});
	expect([sent.via, sent.url, sent.statusCounts]).toEqual(['whatsapp_business_account', productionUrl, { 200: 1 }]);
	let executions = [];
	for (let i = 0; i < 60 && !executions.some((e) => e.status === 'success'); i++) {
		await sleep(500);
		executions = await stack.client.listExecutions(workflowId);
	}
	const execution = await stack.client.waitForExecution(executions[0].id);
	expect(nodeOutput(execution, TRIGGER)).toEqual([
		expect.objectContaining({ eventGroup: 'identity', event: 'identity_key_hash_seen', wabaId: WABA, phoneNumberId: PHONE_NUMBER_ID, identityKeyHash: 'E2eHash0001=' }),
	]);

	await stack.client.deactivateWorkflow(workflowId);
	for (let i = 0; i < 40 && appEntry()?.override_callback_uri; i++) await sleep(250);
	// Still subscribed, without the override: messaging webhooks go back to the app's callback URL.
	expect(appEntry()).toEqual({ id: stack.sandbox.credentials.appId });
});
