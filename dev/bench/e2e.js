'use strict';
/**
 * 3. End to end in a real n8n (the e2e helper's stack: cached n8n, package installed as a
 * community package, Graph sandbox): signed deliveries to the trigger's production webhook URL.
 * Phase 1: N distinct deliveries, `CONCURRENCY` at a time → deliveries/s and N executions.
 * Phase 2: the same N again (Meta's retries) → no new execution. Phase 3: forged → 401, none.
 * Phase 4: 10 new deliveries one at a time, then the same 10 again one at a time (no concurrency).
 */
const crypto = require('node:crypto');

const webhooks = require('../sandbox/webhooks');

const DELIVERIES = 100;
const SEQUENTIAL = 10;
const CONCURRENCY = 10;
const FORGED = 20;
const TRIGGER = 'WhatsApp phone number events';
const WABA_ID = '102290129340398';

async function postAll(url, bodies, appSecret, concurrency) {
	const statuses = {};
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const { rawBody, secret } = bodies[next++];
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'User-Agent': 'facebookexternalua',
					'X-Hub-Signature-256': webhooks.signBody(rawBody, secret ?? appSecret),
				},
				body: rawBody,
			});
			await response.arrayBuffer();
			statuses[response.status] = (statuses[response.status] ?? 0) + 1;
		}
	};
	const started = process.hrtime.bigint();
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, statuses };
}

async function settledExecutions(client, workflowId, { expectAtLeast, timeoutMs = 120_000, quietMs = 2000 }) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const executions = await client.listExecutions(workflowId);
		const running = executions.filter((e) => ['running', 'new', 'waiting'].includes(e.status)).length;
		if (executions.length !== last) {
			last = executions.length;
			stableSince = Date.now();
		}
		if (executions.length >= expectAtLeast && running === 0 && Date.now() - stableSince >= quietMs) return executions;
		if (Date.now() > deadline) return executions;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function measureEndToEnd({ log = () => {} }) {
	let harness;
	try {
		harness = require('../n8n/lib/harness');
	} catch (error) {
		return { measured: false, reason: `dev/n8n/lib/harness.js is not loadable (${error.message.split('\n')[0]})` };
	}
	let stack;
	try {
		log('  e2e: starting the Graph sandbox and a real n8n (this takes a while)');
		stack = await harness.startStack({ only: [], installLog: () => {} });
		const { client, sandbox, credential } = stack;
		const webhookId = crypto.randomUUID();
		const workflow = await client.createWorkflow({
			name: 'bench: trigger throughput',
			nodes: [
				{
					id: crypto.randomUUID(),
					name: TRIGGER,
					type: 'n8n-nodes-whatsapp-phone-numbers.whatsAppPhoneNumberTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					// The bench posts to the URL itself; no app subscription needed.
					parameters: { manageSubscription: false, eventGroups: ['capability', 'status', 'identity'], options: {} },
					credentials: { whatsAppBusinessManagementApi: { id: String(credential.id), name: credential.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		await client.activateWorkflow(workflow.id);
		const url = `${stack.n8n.url}/webhook/${webhookId}/webhook`;
		const appSecret = sandbox.credentials.appSecret;
		const start = Date.now();
		const bodies = Array.from({ length: DELIVERIES }, (_, index) => ({
			rawBody: JSON.stringify(
				webhooks.phoneNumberQualityUpdate({
					wabaId: WABA_ID,
					displayPhoneNumber: '+1 650-555-1234',
					event: index % 2 ? 'FLAGGED' : 'UNFLAGGED',
					time: start + index * 1000,
				}),
			),
		}));
		// Warm n8n's webhook path (first request compiles routes, loads the node) before timing.
		const warmUp = JSON.stringify(webhooks.security({ wabaId: WABA_ID, displayPhoneNumber: '+1 650-555-1234', time: start - 60_000 }));
		await postAll(url, [{ rawBody: warmUp }], appSecret, 1);
		await settledExecutions(client, workflow.id, { expectAtLeast: 1, quietMs: 1000 });

		const first = await postAll(url, bodies, appSecret, CONCURRENCY);
		log(`  e2e: ${DELIVERIES} deliveries in ${first.ms.toFixed(0)} ms ${JSON.stringify(first.statuses)}`);
		const afterFirst = await settledExecutions(client, workflow.id, { expectAtLeast: DELIVERIES + 1 });
		const again = await postAll(url, bodies, appSecret, CONCURRENCY);
		const afterAgain = await settledExecutions(client, workflow.id, { expectAtLeast: afterFirst.length });
		const forgedBodies = bodies.slice(0, FORGED).map(({ rawBody }) => ({ rawBody: rawBody.replace('FLAGGED', 'FLAGGEd'), secret: `forged-${appSecret}` }));
		const forged = await postAll(url, forgedBodies, appSecret, CONCURRENCY);
		const afterForged = await settledExecutions(client, workflow.id, { expectAtLeast: afterAgain.length, quietMs: 2000 });
		const sequential = Array.from({ length: SEQUENTIAL }, (_, index) => ({
			rawBody: JSON.stringify(
				webhooks.phoneNumberQualityUpdate({ wabaId: WABA_ID, displayPhoneNumber: '+1 650-555-1234', event: 'DOWNGRADE', time: start + (DELIVERIES + index) * 1000 }),
			),
		}));
		await postAll(url, sequential, appSecret, 1);
		const afterSequential = await settledExecutions(client, workflow.id, { expectAtLeast: afterForged.length + SEQUENTIAL, quietMs: 2000 });
		await postAll(url, sequential, appSecret, 1);
		const afterSequentialAgain = await settledExecutions(client, workflow.id, { expectAtLeast: afterSequential.length, quietMs: 2000 });
		const stored = await client.getWorkflow(workflow.id);
		const storedMemory = Object.values(stored.staticData ?? {}).find((value) => value && typeof value === 'object') ?? {};
		const failed = afterSequentialAgain.filter((e) => e.status !== 'success').length;
		return {
			measured: true,
			n8nVersion: stack.n8n.install.n8nVersion,
			deliveries: DELIVERIES,
			concurrency: CONCURRENCY,
			perSecond: (DELIVERIES / first.ms) * 1000,
			firstStatuses: first.statuses,
			executionsFromFirst: afterFirst.length - 1,
			againStatuses: again.statuses,
			executionsFromRedelivery: afterAgain.length - afterFirst.length,
			forged: FORGED,
			forgedStatuses: forged.statuses,
			executionsFromForged: afterForged.length - afterAgain.length,
			sequential: SEQUENTIAL,
			executionsFromSequential: afterSequential.length - afterForged.length,
			executionsFromSequentialRedelivery: afterSequentialAgain.length - afterSequential.length,
			// 16 characters per remembered change (nodes/WhatsAppPhoneNumberTrigger/memory.ts).
			storedFingerprints: typeof storedMemory.changes === 'string' ? storedMemory.changes.length / 16 : 0,
			failedExecutions: failed,
		};
	} catch (error) {
		return { measured: false, reason: String(error?.message ?? error).split('\n')[0].slice(0, 300) };
	} finally {
		if (stack) await stack.stop().catch(() => {});
	}
}

module.exports = { measureEndToEnd };
