'use strict';
/**
 * One side of measure 4 in its own process (so neither side's memory pollutes the other's):
 * Manual Start with the phone-number IDs → Get per item, through our node (`ours`) or n8n's
 * HTTP Request node (`httpRequest`). Both node types are loaded in both processes, so the
 * baseline is the same. Receives its settings over IPC (side, expression engine) and answers
 * with wall and CPU time, memory and expression evaluations per item.
 */
const path = require('node:path');

const { setupEngine, harness: loadHarness, nodesBase } = require('./lib/engine');

const FIELDS = ['id', 'display_phone_number', 'status', 'quality_rating', 'name_status', 'code_verification_status'];

/** The harness's runNode options for one side; unset parameters get their defaults, as the editor saves them. */
function nodeFor(side, { sandboxUrl, credentials, HttpRequest }) {
	if (side === 'ours') {
		return {
			type: 'whatsAppPhoneNumbers',
			parameters: {
				operation: 'get',
				phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				options: { fields: FIELDS },
			},
			credentials,
			withDefaults: true,
		};
	}
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		otherNodeTypes: { 'n8n-nodes-base.httpRequest': new HttpRequest() },
		otherCredentials: { httpHeaderAuth: { name: 'Authorization', value: `Bearer ${credentials.accessToken}` } },
		withDefaults: true,
		parameters: {
			method: 'GET',
			url: `=${sandboxUrl}/v24.0/{{ $json.id }}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'fields', value: FIELDS.join(',') }] },
			options: {},
		},
	};
}

/**
 * Counts n8n's expression evaluations (each one rebuilds the data proxy): the per-item cost
 * that separates a declarative node from HTTP Request.
 */
function countExpressionEvaluations(Expression) {
	const counter = { count: 0 };
	const evaluate = Expression.prototype.resolveSimpleParameterValue;
	Expression.prototype.resolveSimpleParameterValue = function countedEvaluation(...args) {
		counter.count++;
		return evaluate.apply(this, args);
	};
	return counter;
}

/** `legacy` evaluates in-process; `vm` is the isolated engine `n8n start` 2.41 uses by default. */
async function startExpressionEngine(Expression, engine) {
	if (engine === 'legacy') return;
	await Expression.initExpressionEngine({
		engine,
		poolSize: 1,
		maxCodeCacheSize: 1024,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
		lazyAcquire: false,
		compileCache: false,
	});
}

async function main({ side, engine = 'legacy', sandboxUrl, credentials, ids, warmUpItems }) {
	setupEngine({ useCache: true });
	const { Expression } = require('n8n-workflow');
	await startExpressionEngine(Expression, engine);
	const evaluations = countExpressionEvaluations(Expression);
	const { runNode } = loadHarness();
	const { HttpRequest } = nodesBase(path.join('dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js'));
	const node = nodeFor(side, { sandboxUrl, credentials, HttpRequest });
	const run = (input) => runNode({ ...node, input });

	const warmUp = await run(ids.slice(0, warmUpItems).map((id) => ({ json: { id } })));
	if (warmUp.error) throw warmUp.error;
	process.send({ phase: 'warmed-up' });
	await new Promise((resolve) => process.once('message', resolve));

	global.gc?.();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 2);
	const input = ids.map((id) => ({ json: { id } }));
	evaluations.count = 0;
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const result = await run(input);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	// CPU time of this process alone: on a shared machine, wall time also counts other processes' turns.
	const cpu = process.cpuUsage(cpuBefore);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const evaluationsPerItem = evaluations.count / input.length;
	clearInterval(sampler);
	const after = process.memoryUsage();
	peakHeap = Math.max(peakHeap, after.heapUsed);
	peakRss = Math.max(peakRss, after.rss, process.resourceUsage().maxRSS * 1024);
	if (result.error) throw result.error;
	const sample = result.items[0]?.json ?? {};
	process.send({
		phase: 'done',
		ms,
		cpuMs,
		engine: Expression.getActiveImplementation(),
		evaluationsPerItem,
		items: result.items.length,
		complete: result.items.every((item) => item.json.status !== undefined),
		sampleKeys: Object.keys(sample),
		baselineRss: before.rss,
		baselineHeap: before.heapUsed,
		peakRss,
		peakHeap,
	});
}

process.once('message', (settings) => {
	main(settings).then(
		() => process.exit(0),
		(error) => {
			process.send({ phase: 'error', message: error?.stack ?? String(error) });
			process.exit(1);
		},
	);
});
