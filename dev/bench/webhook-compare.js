'use strict';
/**
 * 6. Our trigger against the workflow a user builds instead, side by side in one real n8n 2.41
 * (the e2e helper's stack: cached n8n, package installed as a community package, Graph sandbox).
 *
 * Ours: examples/alerting.json (WhatsApp phone number events → Team message → NoOp), activated,
 * deliveries posted to its production webhook URL. Alternative (dev/bench/lib/compare-workflows.js):
 * Webhook (Raw Body) → Crypto (HMAC SHA256 of the raw body, Binary File option) → If
 * ('sha256=' + HMAC = X-Hub-Signature-256) → the same Team message → NoOp.
 *
 * The same signed payloads (each a distinct change, so our trigger starts one execution each)
 * go to both, alternated in batches (who goes first alternates), a fixed number in flight.
 * Per side: deliveries / Σ over its batches of (first send → all of the batch's executions
 * finished, seen on n8n's executions list). Then every execution is read back (ours: Team
 * message ran; alternative: the If's true branch), and one forged delivery goes to each side:
 * ours must answer 401 and start nothing, the alternative's If must send it to its false branch.
 *
 * Repeated for each configuration (a separate n8n start each): the default expression engine
 * (`vm`), `N8N_EXPRESSION_ENGINE=legacy`, and `vm` with `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const webhooks = require('../sandbox/webhooks');
const { alternativeWorkflow, NODE_NAMES } = require('./lib/compare-workflows');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WABA_ID = '102290129340398';
/** The webhookId of the trigger in examples/alerting.json: its production URL is /webhook/<id>/webhook. */
const ALERTING_WEBHOOK_ID = '7f3c2a10-5b6e-4d8f-9a1b-2c3d4e5f6a70';
const OUR_TRIGGER = 'WhatsApp phone number events';
const ALTERNATIVE_PATH = 'bench-whatsapp-signed';
const EVENTS = ['FLAGGED', 'UNFLAGGED', 'DOWNGRADE', 'UPGRADE'];

const CONFIGURATIONS = [
	{ name: 'default', description: 'default expression engine (vm)', env: {} },
	{ name: 'legacy', description: 'N8N_EXPRESSION_ENGINE=legacy', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
	{ name: 'lazy', description: 'vm + N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One distinct change per index (its own second), the same bodies for both sides. */
function bodiesFrom(baseTime, from, count) {
	return Array.from({ length: count }, (_, offset) => {
		const index = from + offset;
		return JSON.stringify(
			webhooks.phoneNumberQualityUpdate({
				wabaId: WABA_ID,
				displayPhoneNumber: '+1 650-555-1234',
				event: EVENTS[index % EVENTS.length],
				currentLimit: 'TIER_1K',
				time: baseTime + index * 1000,
			}),
		);
	});
}

/** Posts the bodies, `concurrency` in flight, each signed with `secret`. */
async function postAll(url, bodies, secret, concurrency) {
	const statuses = {};
	let next = 0;
	const worker = async () => {
		while (next < bodies.length) {
			const rawBody = bodies[next++];
			let status;
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'User-Agent': 'facebookexternalua',
						'X-Hub-Signature-256': webhooks.signBody(rawBody, secret),
					},
					body: rawBody,
					signal: AbortSignal.timeout(60_000),
				});
				await response.arrayBuffer();
				status = String(response.status);
			} catch (error) {
				status = `error:${error?.cause?.code ?? error?.name ?? 'unknown'}`;
			}
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
	return statuses;
}

/**
 * Completed executions of a workflow (n8n's list counts those not `new`/`running` when no status
 * filter is given): one cheap request. A 503 "Database is not ready" is retried quickly here
 * (the client's own retry waits a whole second, which would blur the timing).
 */
async function completedCount(client, workflowId) {
	const qs = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '1' });
	for (let attempt = 0; attempt < 600; attempt++) {
		const res = await client.request('GET', `/executions?${qs}`, undefined, { raw: true });
		if (res.status === 200 && res.json?.data && typeof res.json.data.count === 'number') {
			const running = (res.json.data.results || []).filter((e) => ['new', 'running'].includes(e.status)).length;
			return { count: res.json.data.count, running };
		}
		if (!(res.status === 503 && /Database is not ready/.test(res.text))) {
			throw new Error(`GET /rest/executions → ${res.status}: ${String(res.text).slice(0, 300)}`);
		}
		await sleep(100);
	}
	throw new Error('n8n answered "Database is not ready" for a minute');
}

/** Waits until `target` executions of the workflow have completed; returns when it saw it. */
async function waitForCompleted(client, workflowId, target, { timeoutMs = 120_000, pollMs = 50 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const { count } = await completedCount(client, workflowId);
		if (count >= target) return { count, at: process.hrtime.bigint(), timedOut: false };
		if (Date.now() > deadline) return { count, at: process.hrtime.bigint(), timedOut: true };
		await sleep(pollMs);
	}
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function mapLimit(items, concurrency, task) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
	return results;
}

const runDataOf = (execution, node) => execution?.data?.resultData?.runData?.[node];
const outputLength = (execution, node, output = 0) => runDataOf(execution, node)?.[0]?.data?.main?.[output]?.length ?? 0;

/** Every execution of the workflow read back: statuses, and how many did what they should. */
async function verifyExecutions(client, workflowId, check) {
	const list = await client.listExecutions(workflowId);
	const statuses = {};
	for (const e of list) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
	const verdicts = await mapLimit(list, 4, async (summary) => check(await client.getExecution(summary.id)));
	return { executions: list.length, statuses, asExpected: verdicts.filter(Boolean).length };
}

/** Waits for every file the package declares (dist may be rebuilt by someone else meanwhile). */
async function waitForDist(log, timeoutMs = 180_000) {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const files = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file) => path.join(REPO_ROOT, file));
	const deadline = Date.now() + timeoutMs;
	let said = false;
	for (;;) {
		const missing = files.filter((file) => !fs.existsSync(file));
		if (!missing.length) return;
		if (Date.now() > deadline) throw new Error(`dist is incomplete (missing ${missing.map((f) => path.relative(REPO_ROOT, f)).join(', ')})`);
		if (!said) log(`  compare: waiting for dist (${missing.length} files missing, rebuilt elsewhere?)`);
		said = true;
		await sleep(2000);
	}
}

async function startStackWithRetry(harness, options, log) {
	for (let attempt = 1; ; attempt++) {
		await waitForDist(log);
		try {
			return await harness.startStack(options);
		} catch (error) {
			if (attempt >= 2) throw error;
			log(`  compare: n8n start failed (${String(error?.message ?? error).split('\n')[0].slice(0, 200)}); retrying once`);
			await sleep(5000);
		}
	}
}

async function runConfiguration(harness, configuration, { deliveries, batchSize, concurrency, log }) {
	let stack;
	try {
		log(`  compare [${configuration.name}]: starting the Graph sandbox and a real n8n (${configuration.description})`);
		stack = await startStackWithRetry(harness, { only: ['alerting'], n8nEnv: configuration.env, installLog: () => {} }, log);
		const { client, sandbox } = stack;
		const appSecret = sandbox.credentials.appSecret;

		const ours = { id: stack.workflows.alerting.id, url: `${stack.n8n.url}/webhook/${ALERTING_WEBHOOK_ID}/webhook` };
		await client.activateWorkflow(ours.id);

		const cryptoCredential = await client.createCredential({ name: 'bench: app secret (HMAC)', type: 'crypto', data: { hmacSecret: appSecret } });
		const created = await client.createWorkflow(alternativeWorkflow({ path: ALTERNATIVE_PATH, credential: cryptoCredential }));
		const alternative = { id: created.id, url: `${stack.n8n.url}/webhook/${ALTERNATIVE_PATH}` };
		await client.activateWorkflow(alternative.id);
		const sides = { ours, alternative };

		const baseTime = Date.now() - 3 * 24 * 3600 * 1000;
		// Warm-up (first request loads the node types, compiles expressions, opens the routes).
		const warmUp = bodiesFrom(baseTime, 0, 5);
		for (const side of Object.values(sides)) {
			side.warmUpStatuses = await postAll(side.url, warmUp, appSecret, 1);
			side.done = (await waitForCompleted(client, side.id, side.warmUpStatuses['200'] ?? 0)).count;
			side.ms = 0;
			side.statuses = {};
			side.batches = [];
			side.timedOut = 0;
		}

		const bodies = bodiesFrom(baseTime, 100, deliveries);
		const batches = Math.ceil(deliveries / batchSize);
		for (let batch = 0; batch < batches; batch++) {
			const slice = bodies.slice(batch * batchSize, (batch + 1) * batchSize);
			const order = batch % 2 === 0 ? ['ours', 'alternative'] : ['alternative', 'ours'];
			for (const key of order) {
				const side = sides[key];
				const started = process.hrtime.bigint();
				const statuses = await postAll(side.url, slice, appSecret, concurrency);
				const sent = process.hrtime.bigint();
				const ok = statuses['200'] ?? 0;
				const seen = await waitForCompleted(client, side.id, side.done + ok);
				const ms = Number(seen.at - started) / 1e6;
				side.ms += ms;
				side.done = seen.count;
				if (seen.timedOut) side.timedOut++;
				for (const [status, count] of Object.entries(statuses)) side.statuses[status] = (side.statuses[status] ?? 0) + count;
				side.batches.push({ ms: round(ms), sendMs: round(Number(sent - started) / 1e6) });
			}
		}
		log(
			`  compare [${configuration.name}]: ours ${round((deliveries / ours.ms) * 1000)}/s ${JSON.stringify(ours.statuses)}, ` +
				`alternative ${round((deliveries / alternative.ms) * 1000)}/s ${JSON.stringify(alternative.statuses)}`,
		);

		// Read every execution back.
		const ourCheck = await verifyExecutions(client, ours.id, (e) => e.status === 'success' && outputLength(e, 'Team message') > 0);
		const alternativeCheck = await verifyExecutions(
			client,
			alternative.id,
			(e) => e.status === 'success' && outputLength(e, NODE_NAMES.IF, 0) === 1 && outputLength(e, NODE_NAMES.MESSAGE) === 1,
		);

		// One forged delivery to each (a new change, signed with a wrong secret).
		const [forgedBody] = bodiesFrom(baseTime, 100 + deliveries + 10, 1);
		const forgedSecret = `forged-${appSecret}`;
		const altBefore = (await completedCount(client, alternative.id)).count;
		const altForgedStatuses = await postAll(alternative.url, [forgedBody], forgedSecret, 1);
		const altSeen = await waitForCompleted(client, alternative.id, altBefore + 1, { timeoutMs: 30_000 });
		const [newest] = await client.listExecutions(alternative.id);
		const forgedExecution = altSeen.timedOut ? undefined : await client.getExecution(newest.id);
		const forgedTrue = outputLength(forgedExecution, NODE_NAMES.IF, 0);
		const forgedFalse = outputLength(forgedExecution, NODE_NAMES.IF, 1);
		const ourBefore = (await completedCount(client, ours.id)).count;
		const ourForgedStatuses = await postAll(ours.url, [forgedBody], forgedSecret, 1);
		await sleep(2000);
		const ourAfter = await completedCount(client, ours.id);
		const forged = {
			alternative: {
				statuses: altForgedStatuses,
				executionStatus: forgedExecution?.status ?? 'none',
				trueBranchItems: forgedTrue,
				falseBranchItems: forgedFalse,
				teamMessageRan: Boolean(runDataOf(forgedExecution, NODE_NAMES.MESSAGE)),
				wentToFalseBranch: Boolean(forgedExecution) && forgedTrue === 0 && forgedFalse === 1 && !runDataOf(forgedExecution, NODE_NAMES.MESSAGE),
			},
			ours: {
				statuses: ourForgedStatuses,
				newExecutions: ourAfter.count + ourAfter.running - ourBefore,
				refused: ourForgedStatuses['401'] === 1 && ourAfter.count + ourAfter.running === ourBefore,
			},
		};
		if (!forged.alternative.wentToFalseBranch) {
			throw new Error(`the alternative did not send a forged delivery to its If's false branch: ${JSON.stringify(forged.alternative)}`);
		}

		const warmUps = (side) => side.warmUpStatuses['200'] ?? 0;
		const side = (s, check) => ({
			perSecond: round((deliveries / s.ms) * 1000, 2),
			ms: round(s.ms),
			statuses: s.statuses,
			// Executions started by the timed deliveries (the list minus the warm-up, before the forged one).
			executions: s.done - warmUps(s),
			batchesTimedOut: s.timedOut,
			slowestBatchMs: Math.max(...s.batches.map((b) => b.ms)),
			fastestBatchMs: Math.min(...s.batches.map((b) => b.ms)),
			sendOnlyMs: round(s.batches.reduce((sum, b) => sum + b.sendMs, 0)),
			readBack: check,
		});
		const oursResult = side(ours, ourCheck);
		const alternativeResult = side(alternative, alternativeCheck);
		const output = stack.n8n.output();
		return {
			name: configuration.name,
			description: configuration.description,
			env: configuration.env,
			n8nVersion: stack.n8n.install.n8nVersion,
			legacyDeprecationLogged: /`legacy` expression engine/.test(output),
			ours: oursResult,
			alternative: alternativeResult,
			ratio: round(oursResult.perSecond / alternativeResult.perSecond, 3),
			forged,
		};
	} catch (error) {
		return {
			name: configuration.name,
			description: configuration.description,
			env: configuration.env,
			error: String(error?.message ?? error).split('\n')[0].slice(0, 500),
		};
	} finally {
		if (stack) await stack.stop().catch(() => {});
	}
}

/**
 * @param {{ log?: (line: string) => void, deliveries?: number, batchSize?: number, concurrency?: number, configurations?: string[] }} options
 *   configurations: names from CONFIGURATIONS (default: all three).
 */
async function measureWebhookCompare({ log = () => {}, deliveries = 200, batchSize = 20, concurrency = 5, configurations } = {}) {
	let harness;
	try {
		harness = require('../n8n/lib/harness');
	} catch (error) {
		return { measured: false, reason: `dev/n8n/lib/harness.js is not loadable (${error.message.split('\n')[0]})` };
	}
	const chosen = configurations ? CONFIGURATIONS.filter((c) => configurations.includes(c.name)) : CONFIGURATIONS;
	const results = [];
	for (const configuration of chosen) {
		results.push(await runConfiguration(harness, configuration, { deliveries, batchSize, concurrency, log }));
	}
	const measured = results.filter((r) => !r.error);
	if (!measured.length) return { measured: false, reason: results.map((r) => `${r.name}: ${r.error}`).join('; '), configurations: results };
	return {
		measured: true,
		n8nVersion: measured[0].n8nVersion,
		deliveries,
		batchSize,
		concurrency,
		payload: 'phone_number_quality_update, one distinct change per delivery, signed with the app secret',
		alternative:
			"Webhook 2.1 (POST, Raw Body on, onReceived) → Crypto 2 (HMAC SHA256, hex, Binary File on, property 'data': the Webhook's raw body) → If 2.2 ('sha256=' + hmac equals headers['x-hub-signature-256']) → Set 3.4 → NoOp",
		configurations: results,
	};
}

module.exports = { measureWebhookCompare, CONFIGURATIONS };
