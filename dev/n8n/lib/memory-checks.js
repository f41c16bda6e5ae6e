'use strict';
/**
 * The trigger's memory in a real n8n, as alerting users exercise it: sequences and bursts of
 * signed deliveries, for one n8n (regular mode) or queue mode (routes = webhook processes).
 *
 * "Ran" means the execution's trigger passed items on, so the workflow's actions ran. An
 * execution whose trigger passed nothing on (a duplicate caught when the execution started)
 * is counted apart, as "stopped at the trigger".
 *
 * ctx: { deliver(payload, route) → { statusCounts }, client, workflowId, trigger (node name),
 *        quality(tag, event?) → payload, identity(waId, hash, text?) → payload, routes,
 *        executions?() → the workflow's executions read from the database (db-executions.js),
 *        used instead of n8n's REST list when given }
 */
const { nodeOutput, sleep } = require('./n8n');

const isFinished = (e) => e.status && !['running', 'new', 'waiting'].includes(e.status);

const listOf = async (ctx) => (ctx.executions ? await ctx.executions() : await ctx.client.listExecutions(ctx.workflowId));

/** Waits until at least `count` executions exist, all finished, and none arrived for `quietMs`. */
async function settle(ctx, count, { timeoutMs = 180_000, quietMs = 2500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const list = await listOf(ctx);
		if (list.length !== last) {
			last = list.length;
			stableSince = Date.now();
		}
		if (list.length >= count && list.every(isFinished) && Date.now() - stableSince >= quietMs) return list;
		if (Date.now() > deadline) throw new Error(`expected ${count} finished executions, have ${list.length}`);
		await sleep(300);
	}
}

/** The trigger's output of every execution not in `before`. */
async function newRuns(ctx, list, before) {
	const known = new Set(before.map((e) => String(e.id)));
	const runs = [];
	if (ctx.executions) {
		return list
			.filter((e) => !known.has(String(e.id)))
			.map(({ id, status, mode, startedAt, retryOf, items }) => ({ id, status, mode, startedAt, retryOf, items }));
	}
	for (const summary of list.filter((e) => !known.has(String(e.id)))) {
		const execution = await ctx.client.getExecution(summary.id);
		runs.push({
			id: String(summary.id),
			status: execution.status,
			mode: execution.mode,
			startedAt: execution.startedAt,
			retryOf: execution.retryOf ?? null,
			items: nodeOutput(execution, ctx.trigger) || [],
		});
	}
	return runs;
}

const ranOf = (runs) => runs.filter((r) => r.items.length > 0);

async function deliverOk(ctx, payload, route) {
	const reply = await ctx.deliver(payload, route % ctx.routes);
	if (reply.statusCounts[200] !== 1) throw new Error(`delivery answered ${JSON.stringify(reply.statusCounts)}`);
}

/** A, B, C one after the other, then A and B again: the redeliveries run nothing. */
async function earlierChangesRedelivered(ctx, tagBase) {
	const before = await settle(ctx, 0, { quietMs: 500 });
	const payloads = [0, 1, 2].map((i) => ctx.quality(tagBase + i));
	for (const [i, payload] of payloads.entries()) {
		await deliverOk(ctx, payload, i);
		await settle(ctx, before.length + i + 1, { quietMs: 500 });
	}
	await deliverOk(ctx, payloads[0], 1);
	await deliverOk(ctx, payloads[1], 0);
	await sleep(2000);
	const runs = await newRuns(ctx, await settle(ctx, before.length + 3), before);
	return { executions: runs.length, ran: ranOf(runs).length };
}

/** H1 (starts nothing), an unrelated change that runs, then H2: the change is reported with H1. */
async function identityAfterUnrelatedExecution(ctx, waId, tag) {
	const before = await settle(ctx, 0, { quietMs: 500 });
	await deliverOk(ctx, ctx.identity(waId, `H1-${waId}=`), 0);
	await sleep(1000);
	const afterH1 = (await listOf(ctx)).length - before.length;
	await deliverOk(ctx, ctx.quality(tag), 1);
	await settle(ctx, before.length + 1, { quietMs: 500 });
	await deliverOk(ctx, ctx.identity(waId, `H2-${waId}=`, 'again'), 1);
	const runs = await newRuns(ctx, await settle(ctx, before.length + 2), before);
	const changed = ranOf(runs)
		.flatMap((r) => r.items)
		.filter((item) => item.event === 'identity_key_hash_changed');
	return { executionsAfterH1: afterH1, changed };
}

/** Bursts: distinct changes at once then redelivered at once; simultaneous pairs; customers' hashes. */
async function bursts(ctx, load, tagBase) {
	const results = {};
	{
		const before = await settle(ctx, 0, { quietMs: 500 });
		const payloads = Array.from({ length: load }, (_, i) => ctx.quality(tagBase + i));
		await Promise.all(payloads.map((p, i) => deliverOk(ctx, p, i)));
		const first = await newRuns(ctx, await settle(ctx, before.length + load), before);
		const middle = await settle(ctx, 0, { quietMs: 500 });
		await Promise.all(payloads.map((p, i) => deliverOk(ctx, p, i + 1)));
		await sleep(3000);
		const again = await newRuns(ctx, await settle(ctx, middle.length), middle);
		results.distinctChangesThenRedelivered = {
			changes: load,
			ranFirst: ranOf(first).length,
			redeliveriesThatRan: ranOf(again).length,
			ranAgain: ranOf(again).map(({ id, status, mode, startedAt, retryOf, items }) => ({ id, status, mode, startedAt, retryOf, changeId: items[0].changeId })),
			redeliveriesStoppedAtTrigger: again.length - ranOf(again).length,
		};
	}
	{
		const pairs = Math.max(1, Math.floor(load / 2));
		const before = await settle(ctx, 0, { quietMs: 500 });
		const payloads = Array.from({ length: pairs }, (_, i) => ctx.quality(tagBase + 10_000 + i));
		await Promise.all(payloads.flatMap((p) => [deliverOk(ctx, p, 0), deliverOk(ctx, p, 1)]));
		await sleep(3000);
		const runs = await newRuns(ctx, await settle(ctx, before.length + pairs, { quietMs: 5000 }), before);
		const perChange = new Map();
		for (const run of ranOf(runs)) perChange.set(run.items[0].changeId, (perChange.get(run.items[0].changeId) || 0) + 1);
		results.simultaneousDuplicatePairs = {
			pairs,
			ranOnce: [...perChange.values()].filter((c) => c === 1).length,
			ranTwice: [...perChange.values()].filter((c) => c > 1).length,
			// Which executions ran a change twice, to tell a second execution from a re-run of one.
			twice: [...perChange.entries()]
				.filter(([, count]) => count > 1)
				.map(([changeId]) => ({
					changeId,
					executions: ranOf(runs)
						.filter((run) => run.items[0].changeId === changeId)
						.map(({ id, status, mode, startedAt, retryOf }) => ({ id, status, mode, startedAt, retryOf })),
				})),
			neverRan: pairs - perChange.size,
			stoppedAtTrigger: runs.length - ranOf(runs).length,
		};
	}
	{
		const customers = Math.max(1, Math.floor(load / 2));
		const before = await settle(ctx, 0, { quietMs: 500 });
		const waIds = Array.from({ length: customers }, (_, i) => `1650${String(tagBase % 100000).padStart(5, '0')}${String(i).padStart(3, '0')}`);
		await Promise.all(waIds.map((w, i) => deliverOk(ctx, ctx.identity(w, `H1-${w}=`), i)));
		await sleep(3000);
		const startedByFirstHashes = (await listOf(ctx)).length - before.length;
		await Promise.all(waIds.map((w, i) => deliverOk(ctx, ctx.identity(w, `H2-${w}=`, 'second'), i + 1)));
		await sleep(3000);
		const changed = async () => {
			const runs = await newRuns(ctx, await settle(ctx, before.length, { quietMs: 5000 }), before);
			return ranOf(runs)
				.flatMap((r) => r.items)
				.filter((it) => it.event === 'identity_key_hash_changed' && it.previousIdentityKeyHash === `H1-${it.waId}=`)
				.map((it) => it.waId);
		};
		const atOnce = new Set(await changed());
		// Then traffic goes on: one unrelated change per process, twice round (a change split over
		// two processes is reported once each has loaded the other's copy, docs/trigger.md).
		for (let n = 0; n < 2 * ctx.routes; n++) {
			await deliverOk(ctx, ctx.quality(tagBase + 20_000 + n), n);
			await settle(ctx, 0, { quietMs: 500 });
		}
		const reports = await changed();
		const detected = new Set(reports);
		// Which customers were missed: their first hash went to webhook process (i % routes), the new one to the next.
		const missed = waIds.map((w, i) => [w, i]).filter(([w]) => !detected.has(w)).map(([, i]) => i);
		results.customersHashesThenChanged = {
			customers,
			reportedAtOnce: atOnce.size,
			changesReported: detected.size,
			reportedTwice: reports.length - detected.size,
			startedByFirstHashes,
			missed,
		};
	}
	// Rows n8n's execution list repeated across pages during the run (each counted once above).
	if (!ctx.executions) results.executionListRowsRepeated = ctx.client.repeatedListRows;
	return results;
}

/**
 * What `bursts` must show, as one object to compare with `BURSTS_HELD`: every distinct change
 * ran, no redelivery ran again, each simultaneous pair ran exactly once, first hashes started
 * nothing, every identity change was reported once (`late`: how many only at the processes'
 * next deliveries).
 */
function burstOutcome({ distinctChangesThenRedelivered: d, simultaneousDuplicatePairs: p, customersHashesThenChanged: c }) {
	return {
		distinctChangesNotRun: d.changes - d.ranFirst,
		redeliveriesThatRan: d.redeliveriesThatRan,
		pairsRanTwice: p.ranTwice,
		pairsNeverRan: p.neverRan,
		startedByFirstHashes: c.startedByFirstHashes,
		identityChangesMissed: c.customers - c.changesReported,
		identityChangesReportedTwice: c.reportedTwice,
		identityChangesReportedLate: c.customers - c.reportedAtOnce,
	};
}
const BURSTS_HELD = Object.freeze({
	distinctChangesNotRun: 0,
	redeliveriesThatRan: 0,
	pairsRanTwice: 0,
	pairsNeverRan: 0,
	startedByFirstHashes: 0,
	identityChangesMissed: 0,
	identityChangesReportedTwice: 0,
	identityChangesReportedLate: 0,
});

module.exports = { settle, newRuns, earlierChangesRedelivered, identityAfterUnrelatedExecution, bursts, burstOutcome, BURSTS_HELD };
