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
const ROUNDS = 3;
const WARM_UP_ITEMS = 50;

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function runChild({ execPath, side, engine, settings, sandbox }) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'overhead-child.js'), [], {
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
		child.send({ side, engine, ...settings });
	});
}

/**
 * Both sides on one expression engine (`legacy`, or `vm`, the isolated engine `n8n start`
 * uses by default), alternating sides over ROUNDS fresh processes each.
 */
async function measureOverhead({ execPath, log = () => {}, engine = 'legacy' }) {
	const sandbox = createSandbox({ fixture: generateFixture({ phoneNumbers: ITEMS, preVerified: 0, dueForReverification: 0 }) });
	await sandbox.start({ host: '127.0.0.1', port: 0 });
	const c = sandbox.credentials;
	const settings = {
		sandboxUrl: sandbox.url,
		credentials: { accessToken: c.accessToken, graphApiVersion: 'v24.0', baseUrl: sandbox.url, appId: c.appId, appSecret: c.appSecret, webhookVerifyToken: c.webhookVerifyToken },
		ids: sandbox.state.phoneNumbers.map((phone) => phone.id),
		warmUpItems: WARM_UP_ITEMS,
	};
	const runs = { ours: [], httpRequest: [] };
	try {
		for (let round = 0; round < ROUNDS; round++) {
			const order = round % 2 === 0 ? ['ours', 'httpRequest'] : ['httpRequest', 'ours'];
			for (const side of order) {
				const result = await runChild({ execPath, side, engine, settings, sandbox });
				runs[side].push(result);
				log(`  overhead ${side} (${result.engine}) round ${round + 1}/${ROUNDS}: ${result.ms.toFixed(0)} ms, ${result.calls} calls, ${result.evaluationsPerItem} expression evaluations per item, peak RSS ${(result.peakRss / 2 ** 20).toFixed(0)} MiB`);
			}
		}
	} finally {
		await sandbox.stop();
	}
	const summary = (list) => ({
		ms: median(list.map((r) => r.ms)),
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
	return { items: ITEMS, rounds: ROUNDS, ours: summary(runs.ours), httpRequest: summary(runs.httpRequest) };
}

module.exports = { measureOverhead, median };

/**
 * `node dev/bench/overhead.js` (on the cached Node 24): measure 4 with both expression engines,
 * side by side. `npm run bench` shows the legacy-engine figures in its table.
 */
if (require.main === module) {
	(async () => {
		const { findCachedN8n } = require('./lib/engine');
		const cached = findCachedN8n();
		if (!cached.available) throw new Error(cached.reason);
		const log = (message) => process.stderr.write(`${message}\n`);
		const lines = ['| Expression engine | Ours | HTTP Request | Ratio | Evaluations per item (ours / HTTP Request) |', '|---|---|---|---|---|'];
		for (const engine of ['legacy', 'vm']) {
			const result = await measureOverhead({ execPath: cached.nodeExe, log, engine });
			const { ours, httpRequest } = result;
			if (!ours.complete || !httpRequest.complete) throw new Error(`${engine}: a run returned incomplete items`);
			lines.push(
				`| ${engine} | ${ours.ms.toFixed(0)} ms | ${httpRequest.ms.toFixed(0)} ms | ${(ours.ms / httpRequest.ms).toFixed(2)}× | ${ours.evaluationsPerItem} / ${httpRequest.evaluationsPerItem} |`,
			);
		}
		process.stdout.write(`Get × ${ITEMS}, median of ${ROUNDS} fresh processes per side, Node ${cached.nodeExe.match(/node-([\d.]+)/)?.[1] ?? '?'}\n${lines.join('\n')}\n`);
	})().catch((error) => {
		process.stderr.write(`${error.stack ?? error}\n`);
		process.exitCode = 1;
	});
}
