'use strict';
/**
 * A process killed with SIGKILL mid-burst, as a crash (out of memory, a killed container) does:
 * distinct changes sent `concurrency` at a time; once `killAfter` are answered 200 the process
 * dies; it is started again on the same data, and every delivery that got no 2xx is sent again
 * until it gets one, as Meta does. Executions are counted from the database. A change answered
 * 200 must have run, or be held by a failed or crashed execution, which is then retried as a
 * user would from the executions list. A change that still did not run is sorted by why: n8n
 * failed its execution as stalled and replaced its data, n8n recovered it on a placeholder
 * item, or unexplained.
 *
 * ctx: { payloads, deliver(payload, n) → true when answered 200, kill(), restart(), executions()
 *        (from the database, see db-executions.js), retry(executionId), concurrency, killAfter,
 *        stalledWindowMs: for a killed queue-mode worker, how long after the kill to wait for
 *        n8n to fail its jobs as stalled before retrying }
 */
const { sleep } = require('./n8n');
const { byChange } = require('./db-executions');
const { changesOf } = require('../../../dist/nodes/WhatsAppPhoneNumberTrigger/events');

/** The trigger's ID of a payload's one change (the package's own function, from dist). */
const changeIdOf = (payload) => changesOf(typeof payload === 'string' ? JSON.parse(payload) : payload)[0].changeId;

/** The executions once none is open (or none has started for 2 minutes); `ignore`: IDs of earlier ones. */
async function settled(ctx, { timeoutMs = 300_000, quietMs = 5000, ignore = new Set() } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let since = Date.now();
	for (;;) {
		const executions = (await ctx.executions()).filter((e) => !ignore.has(e.id));
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
	const ours = async () => await settled(ctx, { ignore: before });
	const answered = new Set();
	const attempts = payloads.map(() => 0);
	let killed = false;
	let next = 0;
	const sender = async () => {
		while (!killed && next < load) {
			const n = next++;
			attempts[n] += 1;
			if (await ctx.deliver(payloads[n], n)) answered.add(n);
			if (!killed && answered.size >= killAfter) {
				killed = true;
				await ctx.kill();
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, sender));
	const killedAt = Date.now();
	const answeredAtKill = answered.size;
	// Which execution holds which change, from every read: n8n may later replace an execution's data.
	const holders = new Map();
	const note = (list) => {
		for (const e of list) for (const id of e.changeIds) holders.set(id, new Set([...(holders.get(id) || []), e.id]));
		return list;
	};
	const rowsAtKill = statusCounts(note((await ctx.executions()).filter((x) => !before.has(x.id))));

	await ctx.restart();
	let redeliveries = 0;
	let open = payloads.map((_, n) => n).filter((n) => !answered.has(n));
	for (let round = 0; round < 20 && open.length; round++) {
		const failed = [];
		for (let start = 0; start < open.length; start += concurrency) {
			const slice = open.slice(start, start + concurrency);
			const results = await Promise.all(slice.map(async (n) => [n, (attempts[n] += 1) && (await ctx.deliver(payloads[n], n))]));
			redeliveries += slice.length;
			for (const [n, ok] of results) (ok ? answered.add(n) : failed.push(n));
		}
		open = failed;
		if (open.length) await sleep(1000);
	}
	if (open.length) throw new Error(`${open.length} deliveries never got a 2xx after the restart`);

	let executions = note(await ours());
	const rowsAfterRestart = statusCounts(executions);
	// A dead worker's jobs fail as stalled only once their lock has expired and the queue has
	// looked twice (n8n 2.41: 30 s lock, a look every 30 s); the process that queued each one
	// then replaces its data with the error, even after the restarted worker marked it crashed.
	// A user who opens the executions list minutes later sees that end state, so it is awaited
	// (no execution crashed or open) before anything is retried.
	let waitedForStalledMs = 0;
	if (ctx.stalledWindowMs) {
		while (executions.some((e) => ['crashed', 'new', 'running', 'waiting'].includes(e.status)) && Date.now() - killedAt < ctx.stalledWindowMs) {
			await sleep(2000);
			executions = note((await ctx.executions()).filter((x) => !before.has(x.id)));
		}
		executions = note(await ours());
		waitedForStalledMs = Date.now() - killedAt;
	}
	const { changes, ...afterRestart } = tally(executions, load);
	const toRetry = new Set();
	for (const change of changes.values()) if (!change.ran.length && change.failed.length) toRetry.add(change.failed.at(-1));
	// n8n answers a Retry once the retried execution ended; one that does not answer is noted.
	const retryRequestsFailed = [];
	for (const id of toRetry) {
		try {
			await ctx.retry(id);
		} catch (error) {
			retryRequestsFailed.push(`${id}: ${error.message}`);
		}
	}
	const finalExecutions = note(await ours());
	const { changes: final, ...afterRetry } = tally(finalExecutions, load);
	const byId = new Map(finalExecutions.map((e) => [e.id, e]));
	// Why each change that did not run did not (n8n 2.41's recovery of a dead worker's executions):
	// - an execution that held it was failed as stalled and its data replaced by that error;
	// - its execution was recovered from n8n's event log with the trigger marked as run on a
	//   placeholder item, so Retry starts after the trigger and runs nothing of it;
	// - anything else is unexplained (the trigger lost it).
	const placeholder = (e) => e.items.some((item) => item.isArtificialRecoveredEventItem === true);
	const replaced = (e) => e.status === 'error' && !e.changeIds.length && STALLED.test(e.error || '');
	const lost = { stalledDataReplaced: 0, recoveredWithPlaceholder: 0, unexplained: [], deliveries: [] };
	for (const [n, payload] of payloads.entries()) {
		const changeId = changeIdOf(payload);
		if (final.get(changeId)?.ran.length) continue;
		const held = [...(holders.get(changeId) || [])].map((id) => byId.get(id)).filter(Boolean);
		lost.deliveries.push(`#${n} ${changeId}: sent ${attempts[n]}×, ${answered.has(n) ? 'answered 200' : 'never answered'}; executions ${held.map((e) => `${e.id} ${e.status}`).join(', ') || 'none'}`);
		if (held.some(replaced)) lost.stalledDataReplaced += 1;
		else if (held.some(placeholder)) lost.recoveredWithPlaceholder += 1;
		else lost.unexplained.push({ changeId, in: held.map((e) => `${e.id} ${e.status} ${e.mode}${e.error ? `: ${e.error}` : ''}`) });
	}
	const count = (list, status) => list.filter((e) => e.status === status).length;
	const failed = executions.filter((e) => ['crashed', 'error'].includes(e.status));
	const retries = finalExecutions.filter((e) => e.retryOf);
	return {
		load,
		answeredAtKill,
		rowsAtKill,
		redeliveries,
		rowsAfterRestart,
		waitedForStalledMs,
		rowsBeforeRetry: statusCounts(executions),
		afterRestart,
		failedBeforeRetry: {
			crashed: count(failed, 'crashed'),
			error: count(failed, 'error'),
			stalledDataReplaced: failed.filter(replaced).length,
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

const statusCounts = (list) => list.reduce((counts, e) => ({ ...counts, [e.status]: (counts[e.status] || 0) + 1 }), {});

/** n8n 2.41's message for a job failed as stalled (`MaxStalledCountError`). */
const STALLED = /failed to be processed too many times/;

module.exports = { killMidBurst, settled };
