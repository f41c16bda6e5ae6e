'use strict';
/**
 * 4. Per-item overhead: Get on 1,000 numbers through our node vs the same requests through
 * n8n's HTTP Request node, in the same n8n engine, each run in a fresh child process on the
 * cached Node 24, alternating sides. The sandbox runs here, in the parent, and counts the calls.
 */
const { fork } = require('node:child_process');
const path = require('node:path');

const { createSandbox } = require('../sandbox/server');
const { generateFixture } = require('../sandbox/fixtures/generate');

const ITEMS = 1000;
const ROUNDS = 5;
const WARM_UP_ITEMS = 50;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `before` is another checkout of the package (built), whose node runs as a third side from
 * its own `dev/bench/overhead-child.js` and `dist`: a change and its base, side by side in one run.
 */
function runChild({ execPath, side, engine, settings, sandbox, before }) {
	return new Promise((resolve, reject) => {
		const script = side === 'before' ? path.join(before, 'dev', 'bench', 'overhead-child.js') : path.join(__dirname, 'overhead-child.js');
		const child = fork(script, [], {
			execPath,
			execArgv: ['--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result;
		child.on('message', (message) => {
			if (message.phase === 'warmed-up') {
				// Count only the measured run's calls.
				sandbox.resetCounts();
				child.send({ go: true });
			} else if (message.phase === 'done') {
				result = { ...message, calls: sandbox.counts.total };
			} else if (message.phase === 'error') {
				reject(new Error(`${side} child failed: ${message.message}`));
			}
		});
		child.on('error', reject);
		child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${side} child exited with ${code}`))));
		child.send({ side: side === 'before' ? 'ours' : side, engine, ...settings });
	});
}

/**
 * Both sides on one expression engine (`legacy`, or `vm`, the isolated engine `n8n start`
 * uses by default), alternating sides over ROUNDS fresh processes each.
 */
async function measureOverhead({ execPath, log = () => {}, engine = 'legacy', before }) {
	const sandbox = createSandbox({ fixture: generateFixture({ phoneNumbers: ITEMS, preVerified: 0, dueForReverification: 0 }) });
	await sandbox.start({ host: '127.0.0.1', port: 0 });
	const c = sandbox.credentials;
	const settings = {
		sandboxUrl: sandbox.url,
		credentials: { accessToken: c.accessToken, graphApiVersion: 'v24.0', baseUrl: sandbox.url, appId: c.appId, appSecret: c.appSecret, webhookVerifyToken: c.webhookVerifyToken },
		ids: sandbox.state.phoneNumbers.map((phone) => phone.id),
		warmUpItems: WARM_UP_ITEMS,
	};
	const sides = before ? ['ours', 'httpRequest', 'before'] : ['ours', 'httpRequest'];
	const runs = Object.fromEntries(sides.map((side) => [side, []]));
	try {
		for (let round = 0; round < ROUNDS; round++) {
			// Who goes first rotates from round to round.
			const order = sides.map((_, index) => sides[(index + round) % sides.length]);
			for (const side of order) {
				const result = await runChild({ execPath, side, engine, settings, sandbox, before });
				runs[side].push(result);
				log(`  overhead ${side} (${result.engine}) round ${round + 1}/${ROUNDS}: ${result.ms.toFixed(0)} ms (CPU ${result.cpuMs.toFixed(0)} ms), ${result.calls} calls, ${result.evaluationsPerItem} expression evaluations per item, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MiB`);
			}
		}
	} finally {
		await sandbox.stop();
	}
	const summary = (list) => ({
		ms: median(list.map((r) => r.ms)),
		cpuMs: median(list.map((r) => r.cpuMs)),
		peakRss: median(list.map((r) => r.peakRss)),
		peakHeap: median(list.map((r) => r.peakHeap)),
		baselineRss: median(list.map((r) => r.baselineRss)),
		baselineHeap: median(list.map((r) => r.baselineHeap)),
		calls: list.map((r) => r.calls),
		evaluationsPerItem: median(list.map((r) => r.evaluationsPerItem)),
		engine: list[0]?.engine,
		items: list.map((r) => r.items),
		complete: list.every((r) => r.complete && r.items === ITEMS),
	});
	return {
		items: ITEMS,
		rounds: ROUNDS,
		ours: summary(runs.ours),
		httpRequest: summary(runs.httpRequest),
		...(before ? { before: summary(runs.before) } : {}),
	};
}

module.exports = { measureOverhead, median };

/**
 * `node dev/bench/overhead.js [--before=<built checkout>]` (on the cached Node 24): measure 4
 * with both expression engines, side by side; with `--before`, that checkout's node as well,
 * in the same run. `npm run bench` shows both engines in its table.
 */
if (require.main === module) {
	(async () => {
		const { findCachedN8n } = require('./lib/engine');
		const cached = findCachedN8n();
		if (!cached.available) throw new Error(cached.reason);
		const log = (message) => process.stderr.write(`${message}\n`);
		const before = process.argv.find((arg) => arg.startsWith('--before='))?.slice('--before='.length);
		const header = before
			? '| Expression engine | CPU before | CPU ours | CPU HTTP Request | Ratio before | Ratio ours | Wall ratio before / ours | Evaluations per item (before / ours / HTTP Request) |\n|---|---|---|---|---|---|---|---|'
			: '| Expression engine | CPU ours | CPU HTTP Request | Ratio | Wall ratio | Evaluations per item (ours / HTTP Request) |\n|---|---|---|---|---|---|';
		const lines = [header];
		for (const engine of ['legacy', 'vm']) {
			const result = await measureOverhead({ execPath: cached.nodeExe, log, engine, before: before && path.resolve(before) });
			const { ours, httpRequest } = result;
			if (!ours.complete || !httpRequest.complete || (result.before && !result.before.complete)) throw new Error(`${engine}: a run returned incomplete items`);
			const ratio = (side) => `${(side.cpuMs / httpRequest.cpuMs).toFixed(2)}×`;
			const wall = (side) => `${(side.ms / httpRequest.ms).toFixed(2)}×`;
			lines.push(
				result.before
					? `| ${engine} | ${result.before.cpuMs.toFixed(0)} ms | ${ours.cpuMs.toFixed(0)} ms | ${httpRequest.cpuMs.toFixed(0)} ms | ${ratio(result.before)} | ${ratio(ours)} | ${wall(result.before)} / ${wall(ours)} | ${result.before.evaluationsPerItem} / ${ours.evaluationsPerItem} / ${httpRequest.evaluationsPerItem} |`
					: `| ${engine} | ${ours.cpuMs.toFixed(0)} ms | ${httpRequest.cpuMs.toFixed(0)} ms | ${ratio(ours)} | ${wall(ours)} | ${ours.evaluationsPerItem} / ${httpRequest.evaluationsPerItem} |`,
			);
		}
		process.stdout.write(`Get × ${ITEMS}, median of ${ROUNDS} fresh processes per side, Node ${cached.nodeExe.match(/node-([\d.]+)/)?.[1] ?? '?'}\n${lines.join('\n')}\n`);
	})().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	});
}
