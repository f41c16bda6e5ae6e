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
	for (const id of toRetry) await ctx.retry(id);
	const { changes: final, ...afterRetry } = tally(await ours(), load);
	return {
		load,
		answeredAtKill,
		rowsAtKill,
		redeliveries,
		afterRestart,
		failedWithoutData: withoutData.length,
		retried: toRetry.size,
		changesRanOnce: [...final.values()].filter((c) => c.ran.length === 1).length,
		changesRanTwice: afterRetry.changesRanTwice,
		changesLost: load - afterRetry.changesRan,
	};
}

module.exports = { killMidBurst, settled };
