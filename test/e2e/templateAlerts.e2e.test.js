'use strict';
/**
 * Template alerts and partner events through the trigger in a real n8n: a version 2 trigger with
 * the Templates group and the WABA list is activated (the app is subscribed to the template fields
 * after the hub.challenge handshake); the sandbox then sends Meta's webhooks where Meta would,
 * to the app's callback URL, signed with the app secret.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { nodeOutput, sleep } = require('../../dev/n8n/lib/n8n');

const WABA = '102290129340398';
/** The sandbox WABA's business portfolio: where Meta addresses a partner event about WABA. */
const PARTNER_PORTFOLIO = '506914307656634';
const WEBHOOK_ID = '3c9d5e2f-8b4a-4f7c-a1d2-2e3f4a5b6c7e';
const TRIGGER = 'WhatsApp template alerts';
const TEMPLATE_FIELDS = ['message_template_quality_update', 'message_template_status_update', 'template_category_update'];

let stack;
let workflowId;
let productionUrl;

beforeAll(async () => {
	stack = await startStack({ only: [] });
	productionUrl = `${stack.n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	const created = await stack.client.createWorkflow({
		name: 'Template alerts (e2e)',
		nodes: [
			{
				id: 'c2d3e4f5-0000-4000-8000-000000000001',
				name: TRIGGER,
				type: 'n8n-nodes-whatsapp-phone-numbers.whatsAppPhoneNumberTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {
					eventGroups: ['template', 'status'],
					statusEvents: ['account_update', 'business_username_updates'],
					wabas: { waba: [{ wabaId: { __rl: true, mode: 'id', value: WABA } }] },
				},
				credentials: { whatsAppBusinessManagementApi: { id: String(stack.credential.id), name: stack.credential.name } },
			},
		],
		connections: {},
	});
	workflowId = created.id;
	await stack.client.activateWorkflow(workflowId);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

const executions = async () => await stack.client.listExecutions(workflowId);

/** Waits for `count` finished executions and returns the newest one, fully loaded. */
async function newestAfter(count, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await executions();
		const finished = list.filter((e) => e.status && !['running', 'new', 'waiting'].includes(e.status));
		if (finished.length >= count) return await stack.client.waitForExecution(list[0].id);
		if (Date.now() > deadline) throw new Error(`expected ${count} executions, have ${list.length} (${finished.length} finished)`);
		await sleep(500);
	}
}

test('activation subscribed the app to the template fields at the production URL (handshake passed)', () => {
	const [subscription] = stack.sandbox.state.appSubscriptions;
	expect(subscription).toEqual(expect.objectContaining({ callback_url: productionUrl, active: true }));
	expect(subscription.fields.map((field) => field.name)).toEqual(
		expect.arrayContaining([...TEMPLATE_FIELDS, 'account_update', 'business_username_updates']),
	);
	expect(stack.sandbox.counts.endpoints['POST /{waba}/subscribed_apps']).toBe(1);
});

test('a paused template reaches the app callback and starts one execution with the alert; its redelivery starts none', async () => {
	const sent = await stack.sandbox.sendWebhook({ kind: 'message_template_status_update', params: { wabaId: WABA, event: 'PAUSED' } });
	expect([sent.via, sent.url, sent.statusCounts, sent.warnings]).toEqual(['application', productionUrl, { 200: 1 }, []]);
	const execution = await newestAfter(1);
	expect([execution.mode, execution.status]).toEqual(['webhook', 'success']);
	expect(nodeOutput(execution, TRIGGER)).toEqual([
		expect.objectContaining({
			eventGroup: 'template',
			field: 'message_template_status_update',
			event: 'PAUSED',
			wabaId: WABA,
			businessPortfolioId: null,
			phoneNumberId: null,
			value: expect.objectContaining({ message_template_name: 'order_confirmation', other_info: expect.objectContaining({ title: 'FIRST_PAUSE' }) }),
		}),
	]);

	const again = await stack.sandbox.sendWebhook({ payload: sent.payload });
	expect(again.statusCounts).toEqual({ 200: 1 });
	await sleep(3000);
	expect(await executions()).toHaveLength(1);
});

test('quality and category alerts each start an execution named by what changed', async () => {
	await stack.sandbox.sendWebhook({ kind: 'message_template_quality_update', params: { wabaId: WABA, newQualityScore: 'RED' } });
	expect(nodeOutput(await newestAfter(2), TRIGGER)).toEqual([expect.objectContaining({ field: 'message_template_quality_update', event: 'RED' })]);
	await stack.sandbox.sendWebhook({ kind: 'template_category_update', params: { wabaId: WABA, correctCategory: 'MARKETING' } });
	expect(nodeOutput(await newestAfter(3), TRIGGER)).toEqual([
		expect.objectContaining({ field: 'template_category_update', event: 'MARKETING', value: expect.objectContaining({ correct_category: 'MARKETING' }) }),
	]);
});

test('PARTNER_ADDED, addressed to the partner portfolio, passes the WABA list as an event about the listed WABA', async () => {
	const sent = await stack.sandbox.sendWebhook({ kind: 'partner_event', params: { wabaId: WABA, event: 'PARTNER_ADDED' } });
	expect([sent.via, sent.statusCounts, sent.payload.entry[0].id]).toEqual(['application', { 200: 1 }, PARTNER_PORTFOLIO]);
	expect(nodeOutput(await newestAfter(4), TRIGGER)).toEqual([
		expect.objectContaining({ field: 'account_update', event: 'PARTNER_ADDED', wabaId: WABA, businessPortfolioId: PARTNER_PORTFOLIO }),
	]);
});

test('a forged template alert gets 401 and starts nothing', async () => {
	const before = (await executions()).length;
	const sent = await stack.sandbox.sendWebhook({ kind: 'message_template_status_update', params: { wabaId: WABA, event: 'DISABLED' }, signature: 'forged' });
	expect(sent.statusCounts).toEqual({ 401: 1 });
	await sleep(3000);
	expect(await executions()).toHaveLength(before);
});
