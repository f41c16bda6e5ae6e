'use strict';
/**
 * A process killed with SIGKILL mid-burst, as a crash (out of memory, a killed container) does:
 * distinct changes sent `concurrency` at a time; once `killAfter` are answered 200 the process
 * dies; it is started again on the same data, and every delivery that got no 2xx is sent again
 * until it gets one, as Meta does. Executions are counted from the database. A change answered
 * 200 must have run, or be held by a failed or crashed execution, which is then retried as a
 * user would from the executions list; in the end each change ran exactly once.
 *
 * ctx: { payloads, deliver(payload, n) → true when answered 200, kill(), restart(), executions()
 *        (from the database, see db-executions.js), retry(executionId), concurrency, killAfter }
 */
const { sleep } = require('./n8n');
const { byChange } = require('./db-executions');
const { changesOf } = require('../../../dist/nodes/WhatsAppPhoneNumberTrigger/events');

/** The trigger's ID of a payload's one change (the package's own function, from dist). */
const changeIdOf = (payload) => changesOf(typeof payload === 'string' ? JSON.parse(payload) : payload)[0].changeId;

async function settled(ctx, { timeoutMs = 300_000, quietMs = 5000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let since = Date.now();
	for (;;) {
		const executions = await ctx.executions();
		if (executions.length !== last) {
			last = executions.length;
			since = Date.now();
		}
		const open = executions.filter((e) => ['new', 'running', 'waiting'].includes(e.status));
		// An execution whose process died before it was queued stays "new" for good (queue mode);
		// one a dead worker held is marked failed once the queue finds the job stalled.
		if ((!open.length || Date.now() - since >= 120_000) && Date.now() - since >= quietMs) return executions;
		if (Date.now() > deadline) throw new Error(`executions still open: ${open.map((e) => `${e.id} ${e.status}`).join(', ')}`);
		await sleep(1000);
	}
}

const tally = (executions, load) => {
	const changes = byChange(executions);
	const values = [...changes.values()];
	return {
		executions: executions.length,
		failedOrCrashed: executions.filter((e) => ['crashed', 'error'].includes(e.status)).length,
		changesRan: values.filter((c) => c.ran.length > 0).length,
		changesRanTwice: values.filter((c) => c.ran.length > 1).length,
		changesOnlyInFailedExecutions: values.filter((c) => !c.ran.length && c.failed.length).length,
		changesNowhere: load - changes.size,
		changes,
	};
};

async function killMidBurst(ctx) {
	const { payloads, concurrency = 10, killAfter = 50 } = ctx;
	const load = payloads.length;
	const before = new Set((await ctx.executions()).map((e) => e.id));
	const ours = async () => (await settled(ctx)).filter((e) => !before.has(e.id));
	const answered = new Set();
	let killed = false;
	let next = 0;
	const sender = async () => {
		while (!killed && next < load) {
			const n = next++;
			if (await ctx.deliver(payloads[n], n)) answered.add(n);
			if (!killed && answered.size >= killAfter) {
				killed = true;
				await ctx.kill();
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, sender));
	const answeredAtKill = answered.size;
	const rowsAtKill = {};
	for (const e of (await ctx.executions()).filter((x) => !before.has(x.id))) rowsAtKill[e.status] = (rowsAtKill[e.status] || 0) + 1;

	await ctx.restart();
	let redeliveries = 0;
	let open = payloads.map((_, n) => n).filter((n) => !answered.has(n));
	for (let round = 0; round < 20 && open.length; round++) {
		const failed = [];
		for (let start = 0; start < open.length; start += concurrency) {
			const slice = open.slice(start, start + concurrency);
			const results = await Promise.all(slice.map(async (n) => [n, await ctx.deliver(payloads[n], n)]));
			redeliveries += slice.length;
			for (const [n, ok] of results) (ok ? answered.add(n) : failed.push(n));
		}
		open = failed;
		if (open.length) await sleep(1000);
	}
	if (open.length) throw new Error(`${open.length} deliveries never got a 2xx after the restart`);

	const executions = await ours();
	const { changes, ...afterRestart } = tally(executions, load);
	const toRetry = new Set();
	for (const change of changes.values()) if (!change.ran.length && change.failed.length) toRetry.add(change.failed.at(-1));
	// A failed execution whose data n8n replaced with the error (a job stalled on a dead worker)
	// no longer shows its change: it is retried too, to see whether n8n's Retry still runs it.
	const withoutData = executions.filter((e) => ['crashed', 'error'].includes(e.status) && !e.changeIds.length);
	for (const e of withoutData) toRetry.add(e.id);
	// n8n answers a Retry once the retried execution ended; one that does not answer is noted.
	const retryRequestsFailed = [];
	for (const id of toRetry) {
		try {
			await ctx.retry(id);
		} catch (error) {
			retryRequestsFailed.push(`${id}: ${error.message}`);
		}
	}
	const finalExecutions = await ours();
	const { changes: final, ...afterRetry } = tally(finalExecutions, load);
	// Why each change that did not run did not (n8n 2.41's recovery of a dead worker's executions):
	// - its execution's data was replaced by the "job stalled" error: it shows in no execution;
	// - its execution was recovered from n8n's event log with the trigger marked as run on a
	//   placeholder item, so Retry starts after the trigger and runs nothing of it;
	// - anything else is unexplained (the trigger lost it).
	const placeholder = (e) => e.items.some((item) => item.isArtificialRecoveredEventItem === true);
	const lost = { inNoExecution: 0, recoveredWithPlaceholder: 0, unexplained: [] };
	for (const payload of payloads) {
		const changeId = changeIdOf(payload);
		if (final.get(changeId)?.ran.length) continue;
		const holders = finalExecutions.filter((e) => e.changeIds.includes(changeId));
		if (!holders.length) lost.inNoExecution += 1;
		else if (holders.some(placeholder)) lost.recoveredWithPlaceholder += 1;
		else lost.unexplained.push({ changeId, in: holders.map((e) => `${e.id} ${e.status} ${e.mode}${e.error ? `: ${e.error}` : ''}`) });
	}
	const count = (list, status) => list.filter((e) => e.status === status).length;
	const failed = executions.filter((e) => ['crashed', 'error'].includes(e.status));
	const retries = finalExecutions.filter((e) => e.retryOf);
	return {
		load,
		answeredAtKill,
		rowsAtKill,
		redeliveries,
		afterRestart,
		failedAtRestart: {
			crashed: count(failed, 'crashed'),
			error: count(failed, 'error'),
			withoutData: withoutData.length,
			withPlaceholder: failed.filter(placeholder).length,
		},
		retried: toRetry.size,
		retries: { success: count(retries, 'success'), error: count(retries, 'error'), ranAChange: retries.filter((e) => e.ran.length).length },
		retryRequestsFailed,
		changesRanOnce: [...final.values()].filter((c) => c.ran.length === 1).length,
		changesRanTwice: afterRetry.changesRanTwice,
		changesLost: load - afterRetry.changesRan,
		lost,
	};
}

module.exports = { killMidBurst, settled };
