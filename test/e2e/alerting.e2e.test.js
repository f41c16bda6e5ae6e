'use strict';
/**
 * The alerting workflow in a real n8n: examples/alerting.json activated in production mode. The
 * trigger subscribes the app and answers the sandbox's hub.challenge handshake; the sandbox then
 * posts signed deliveries to n8n's production webhook URL. Executions are read back over REST.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { nodeOutput, sleep } = require('../../dev/n8n/lib/n8n');
const { bursts, burstOutcome, BURSTS_HELD, earlierChangesRedelivered, identityAfterUnrelatedExecution } = require('../../dev/n8n/lib/memory-checks');
const webhooks = require('../../dev/sandbox/webhooks.js');

const WABA = '102290129340398';
const WEBHOOK_ID = '7f3c2a10-5b6e-4d8f-9a1b-2c3d4e5f6a70';
const BASE_TIME = Math.floor(Date.now() / 1000) - 3600;

let stack;
let productionUrl;

beforeAll(async () => {
	stack = await startStack({ only: ['alerting'] });
	productionUrl = `${stack.n8n.url}/webhook/${WEBHOOK_ID}/webhook`;
	await stack.client.activateWorkflow(stack.workflows.alerting.id);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

const executions = async () => await stack.client.listExecutions(stack.workflows.alerting.id);

/** Waits until the workflow has `count` executions, all finished; returns them (newest first). */
async function waitForExecutions(count, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await executions();
		const finished = list.filter((e) => e.status && !['running', 'new', 'waiting'].includes(e.status));
		if (finished.length >= count) return list;
		if (Date.now() > deadline) throw new Error(`expected ${count} executions, have ${list.length} (${finished.length} finished)`);
		await sleep(500);
	}
}

async function deliver(payload, signature = 'valid') {
	return await stack.sandbox.sendWebhook({ payload, callbackUrl: productionUrl, signature });
}

test('activation subscribed the app to the WABA at the production URL (handshake passed)', () => {
	const subs = stack.sandbox.state.appSubscriptions;
	expect(subs).toEqual([expect.objectContaining({ callback_url: productionUrl, active: true })]);
	expect(stack.sandbox.counts.endpoints['POST /{waba}/subscribed_apps']).toBe(1);
});

const events = [
	{
		name: 'phone_number_quality_update FLAGGED',
		payload: webhooks.phoneNumberQualityUpdate({ wabaId: WABA, displayPhoneNumber: '16315555556', event: 'FLAGGED', currentLimit: 'TIER_1K', time: BASE_TIME + 1 }),
		expected: { field: 'phone_number_quality_update', event: 'FLAGGED', wabaId: WABA, displayPhoneNumber: '16315555556' },
	},
	{
		name: 'business_capability_update',
		payload: webhooks.businessCapabilityUpdate({ wabaId: WABA, maxDailyConversationPerPhone: 2000, time: BASE_TIME + 2 }),
		expected: { field: 'business_capability_update', wabaId: WABA },
	},
	{
		name: 'account_update',
		payload: webhooks.accountUpdate({ wabaId: WABA, event: 'ACCOUNT_VIOLATION', time: BASE_TIME + 3 }),
		expected: { field: 'account_update', event: 'ACCOUNT_VIOLATION' },
	},
	{
		name: 'customer identity change',
		payload: webhooks.identitySystemMessage({ wabaId: WABA, phoneNumberId: '106540352242922', displayPhoneNumber: '16315555555', waId: '16505551234', identityHash: 'NewHash0001=', time: BASE_TIME + 4 }),
		expected: { field: 'messages', waId: '16505551234' },
	},
];

test('each signed delivery starts one execution whose items describe the event', async () => {
	let count = (await executions()).length;
	for (const event of events) {
		const result = await deliver(event.payload);
		expect([event.name, result.statusCounts]).toEqual([event.name, { 200: 1 }]);
		count += 1;
		const [latest] = await waitForExecutions(count);
		const execution = await stack.client.waitForExecution(latest.id);
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
		const items = nodeOutput(execution, 'WhatsApp phone number events');
		expect([event.name, items[0]]).toEqual([event.name, expect.objectContaining(event.expected)]);
		const [message] = nodeOutput(execution, 'Team message');
		expect(message.text).toContain(event.expected.field);
	}
});

test('a forged signature gets 401 and starts no execution; so does a missing one', async () => {
	const before = (await executions()).length;
	const payload = webhooks.phoneNumberQualityUpdate({ wabaId: WABA, displayPhoneNumber: '16315555555', event: 'FLAGGED', time: BASE_TIME + 10 });
	expect((await deliver(payload, 'forged')).statusCounts).toEqual({ 401: 1 });
	expect((await deliver(payload, 'none')).statusCounts).toEqual({ 401: 1 });
	await sleep(3000);
	expect((await executions()).length).toBe(before);
});

test('a redelivered change starts no second execution', async () => {
	const before = (await executions()).length;
	const result = await deliver(events[0].payload);
	expect(result.statusCounts).toEqual({ 200: 1 });
	await sleep(3000);
	expect((await executions()).length).toBe(before);
});

// The sandbox's builders take `time` in milliseconds (the envelope carries Unix seconds).
const atSecond = (offset) => (BASE_TIME + offset) * 1000;

/** Waits until the workflow has `count` finished executions, then returns the newest `n` of them, fully loaded. */
async function newestExecutions(count, n) {
	const list = await waitForExecutions(count);
	return await Promise.all(list.slice(0, n).map((e) => stack.client.waitForExecution(e.id)));
}

test('the memory is saved after every delivery: redelivering the 2nd and 3rd of three changes starts nothing', async () => {
	// Not the first deliveries of the workflow: the static data already exists in the database.
	const changes = [1, 2, 3].map((i) =>
		webhooks.phoneNumberQualityUpdate({ wabaId: WABA, displayPhoneNumber: '16315555557', event: 'FLAGGED', currentLimit: 'TIER_10K', time: atSecond(40 + i) }),
	);
	let count = (await executions()).length;
	for (const payload of changes) {
		expect((await deliver(payload)).statusCounts).toEqual({ 200: 1 });
		count += 1;
		await waitForExecutions(count);
	}
	const workflow = await stack.client.getWorkflow(stack.workflows.alerting.id);
	const memory = workflow.staticData?.['node:WhatsApp phone number events'];
	expect(memory?.changes?.length).toBeGreaterThanOrEqual(3);
	for (const payload of changes.slice(1)) {
		expect((await deliver(payload)).statusCounts).toEqual({ 200: 1 });
		await sleep(3000);
		expect((await executions()).length).toBe(count);
	}
});

test('identity key hash changes are detected across later sequential deliveries', async () => {
	// Hash A only fills the memory; B then starts an execution (A -> B) and C must be compared
	// with B, which holds only if the memory was saved after the delivery that started an execution.
	const customer = { wabaId: WABA, phoneNumberId: '106540352242922', displayPhoneNumber: '16315555555', waId: '16505559876' };
	const hashes = ['HashA000001=', 'HashB000002=', 'HashC000003='];
	const changedEvents = [];
	for (const [i, identityKeyHash] of hashes.entries()) {
		const before = (await executions()).length;
		const payload = webhooks.identityMessage({ ...customer, identityKeyHash, text: `message ${i}`, time: atSecond(60 + i) });
		expect((await deliver(payload)).statusCounts).toEqual({ 200: 1 });
		await sleep(3000);
		const list = await executions();
		if (i === 0) continue;
		expect([identityKeyHash, list.length]).toEqual([identityKeyHash, before + 1]);
		const [latest] = await newestExecutions(before + 1, 1);
		const items = nodeOutput(latest, 'WhatsApp phone number events');
		changedEvents.push(...items.filter((item) => item.event === 'identity_key_hash_changed'));
	}
	expect(changedEvents).toEqual([
		expect.objectContaining({ waId: customer.waId, identityKeyHash: hashes[1], previousIdentityKeyHash: hashes[0] }),
		expect.objectContaining({ waId: customer.waId, identityKeyHash: hashes[2], previousIdentityKeyHash: hashes[1] }),
	]);
});

test('200 concurrent signed deliveries of distinct changes start 200 executions (none lost)', async () => {
	const before = (await executions()).length;
	const payloads = Array.from({ length: 200 }, (_, i) =>
		webhooks.phoneNumberQualityUpdate({
			wabaId: WABA,
			displayPhoneNumber: '16315555555',
			event: i % 2 ? 'FLAGGED' : 'UNFLAGGED',
			maxDailyConversationsPerBusiness: 1000 + i,
			time: BASE_TIME + 100 + i,
		}),
	);
	// The sandbox's signed sender, all 200 at once. n8n answers a delivery only after it has
	// queued its execution, so under this burst answers take tens of seconds: allow 5 minutes.
	const results = await Promise.all(
		payloads.map((payload) =>
			webhooks.deliver({ url: productionUrl, payload, appSecret: stack.sandbox.credentials.appSecret, timeoutMs: 300_000 }),
		),
	);
	const statuses = {};
	for (const r of results) for (const [s, n] of Object.entries(r.statusCounts)) statuses[s] = (statuses[s] || 0) + n;
	expect(statuses).toEqual({ 200: 200 });
	await waitForExecutions(before + 200, 180_000);
	await sleep(3000);
	const after = await executions();
	expect(after.length).toBe(before + 200);
	expect(after.filter((e) => e.status !== 'success')).toEqual([]);
	// Each change of the burst ran once: the trigger emitted each distinct change exactly once.
	const ids = new Set(after.map((e) => e.id));
	expect(ids.size).toBe(after.length);

	// Redelivered all at once: the memory held for every change of the burst.
	const again = await Promise.all(payloads.map((payload) => deliver(payload)));
	expect(again.every((r) => r.statusCounts[200] === 1)).toBe(true);
	await sleep(5000);
	expect((await executions()).length).toBe(before + 200);
});

const memoryContext = () => ({
	deliver: async (payload) => await deliver(payload),
	client: stack.client,
	workflowId: stack.workflows.alerting.id,
	trigger: 'WhatsApp phone number events',
	quality: (tag) =>
		webhooks.phoneNumberQualityUpdate({ wabaId: WABA, displayPhoneNumber: '16315555555', event: 'FLAGGED', maxDailyConversationsPerBusiness: tag, time: atSecond(1000 + (tag % 100_000)) }),
	identity: (waId, identityKeyHash, text = 'Hello') =>
		webhooks.identityMessage({ wabaId: WABA, phoneNumberId: '106540352242922', displayPhoneNumber: '16315555555', waId, identityKeyHash, text, time: atSecond(2000) + Math.floor(Math.random() * 1e6) }),
	routes: 1,
});

test('one at a time: A, B, C, then A and B again run nothing again', async () => {
	expect(await earlierChangesRedelivered(memoryContext(), 500_000)).toEqual({ executions: 3, ran: 3 });
});

test('one at a time: H1, an unrelated execution, then H2 reports the change with H1', async () => {
	const result = await identityAfterUnrelatedExecution(memoryContext(), '16505558802', 510_000);
	expect(result.executionsAfterH1).toBe(0);
	expect(result.changed).toEqual([expect.objectContaining({ waId: '16505558802', previousIdentityKeyHash: 'H1-16505558802=' })]);
});

test('bursts of 100 deliveries in one n8n', async () => {
	const results = await bursts(memoryContext(), 100, 520_000);
	const out = process.env.E2E_REGULAR_RESULTS || require('node:path').join(require('node:os').tmpdir(), 'n8n-e2e-regular-measurement.json');
	require('node:fs').writeFileSync(out, JSON.stringify(results, null, 2));
	// eslint-disable-next-line no-console
	console.log(`regular-mode memory under load (${out}):\n${JSON.stringify(results, null, 2)}`);
	expect(burstOutcome(results)).toEqual(BURSTS_HELD);
});
