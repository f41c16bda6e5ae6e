'use strict';
/**
 * 7. The fleet report in a real n8n, over the sandbox's fleet world (25 WABAs, 2,500 numbers,
 * 120 pre-verified numbers): examples/fleet-report.json (Get Many Across WABAs) side by side with
 * the same report fed by the loop a user builds without it:
 *
 *   Webhook → HTTP Request (owned WABAs, paginated) → HTTP Request (client WABAs, paginated)
 *     → Code (one item per WABA) → Loop Over Items (1 WABA at a time)
 *         → HTTP Request (GET /<WABA_ID>/phone_numbers, same fields, 100 a page, paginated)
 *         → Code (tag each number with its WABA) → back to the loop
 *     → Code "Phone numbers across WABAs" (registration deadlines worked out by hand)
 *     → the example's own tail (pre-verified pool, summary, page).
 *
 * Both answer the webhook with the whole page. Calls are counted by the sandbox for each request;
 * wall time is from the GET to the last byte of the page, median of alternating runs after one
 * warm-up each, with the sandbox answering at once and with each Graph answer delayed 200 ms (a
 * stand-in for the round trip to Meta, which the sandbox does not have). Both pages must show the
 * world's figures.
 */
const crypto = require('node:crypto');

const { expectedFleetReport, readReportPage } = require('../n8n/lib/fleet-checks');
const { generateFleet } = require('../sandbox/fixtures/fleet');

/** Runs per side at each latency; the sandbox answering at once, then 200 ms per Graph answer. */
const LATENCIES = [
	{ latencyMs: 0, rounds: 5 },
	{ latencyMs: 200, rounds: 3 },
];
const BUSINESS_ID = '506914307656634';
const NUMBERS_NODE = 'Phone numbers across WABAs';
const FIELDS = 'id,display_phone_number,verified_name,status,quality_rating,name_status,new_name_status,last_onboarded_time,is_preverified_number,health_status';

const sameCounts = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** n8n's HTTP Request node 4.2 on a Graph list edge, following `paging.next` until there is none. */
function graphListRequest({ name, url, position, headerCredential, executeOnce = false, query = [] }) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		...(executeOnce ? { executeOnce: true } : {}),
		credentials: { httpHeaderAuth: { id: String(headerCredential.id), name: headerCredential.name } },
		parameters: {
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [...query, { name: 'limit', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: '={{ $response.body.paging.next }}',
						paginationCompleteWhen: 'other',
						completeExpression: '={{ !$response.body.paging || !$response.body.paging.next }}',
					},
				},
			},
		},
	};
}

function code(name, jsCode, position) {
	return { id: crypto.randomUUID(), name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode } };
}

/** The example with its Get Many Across WABAs node replaced by the hand-built loop. */
function handBuiltWorkflow(example, { graphUrl, headerCredential }) {
	const workflow = JSON.parse(JSON.stringify(example));
	workflow.name = 'bench: fleet report, hand-built loop';
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	webhook.parameters.path = 'fleet-report-loop';
	webhook.webhookId = crypto.randomUUID();
	workflow.nodes = workflow.nodes.filter((node) => node.name !== NUMBERS_NODE);
	const edge = (name) => `${graphUrl}/${BUSINESS_ID}/${name}_whatsapp_business_accounts`;
	workflow.nodes.push(
		graphListRequest({ name: 'Owned WABAs', url: edge('owned'), position: [220, 600], headerCredential, query: [{ name: 'fields', value: 'id,name' }] }),
		graphListRequest({ name: 'Client WABAs', url: edge('client'), position: [440, 600], headerCredential, executeOnce: true, query: [{ name: 'fields', value: 'id,name' }] }),
		code(
			'One item per WABA',
			"const tag = (relation) => (page) => page.json.data.map((waba) => ({ json: { ...waba, relation } }));\nreturn [...$('Owned WABAs').all().flatMap(tag('owned')), ...$input.all().flatMap(tag('client'))];",
			[660, 600],
		),
		{ id: crypto.randomUUID(), name: 'Loop Over Items', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, position: [880, 600], parameters: { batchSize: 1, options: {} } },
		graphListRequest({
			name: 'Numbers of one WABA',
			url: `=${graphUrl}/{{ $json.id }}/phone_numbers`,
			position: [1100, 700],
			headerCredential,
			query: [{ name: 'fields', value: FIELDS }],
		}),
		code(
			'Tag with the WABA',
			"const waba = $('Loop Over Items').first().json;\nreturn $input.all().flatMap((page) => page.json.data.map((number) => ({ json: { ...number, phoneNumberId: number.id, wabaId: waba.id, wabaName: waba.name, relation: waba.relation } })));",
			[1320, 700],
		),
		code(
			NUMBERS_NODE,
			[
				'// What Get Many Across WABAs adds by itself: the registration deadline of a number not registered yet.',
				'const DAY = 86400000;',
				'return $input.all().map(({ json }) => {',
				"  if (json.status !== 'PENDING' || !json.last_onboarded_time) return { json };",
				"  const onboarded = Date.parse(json.last_onboarded_time.replace(/([+-]\\d{2})(\\d{2})$/, '$1:$2'));",
				'  const registerBy = new Date(onboarded + (json.is_preverified_number ? 90 : 14) * DAY).toISOString();',
				"  return { json: { ...json, registration: { registerBy, summary: 'Register by ' + registerBy.slice(0, 10) + '.' } } };",
				'});',
			].join('\n'),
			[1100, 480],
		),
	);
	const pool = workflow.nodes.find((node) => node.name === 'Pre-verified pool');
	pool.position = [1320, 480];
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	workflow.connections[webhook.name] = link('Owned WABAs');
	delete workflow.connections[NUMBERS_NODE];
	Object.assign(workflow.connections, {
		'Owned WABAs': link('Client WABAs'),
		'Client WABAs': link('One item per WABA'),
		'One item per WABA': link('Loop Over Items'),
		// Loop Over Items: output 0 is "done", output 1 the current batch.
		'Loop Over Items': { main: [[{ node: NUMBERS_NODE, type: 'main', index: 0 }], [{ node: 'Numbers of one WABA', type: 'main', index: 0 }]] },
		'Numbers of one WABA': link('Tag with the WABA'),
		'Tag with the WABA': link('Loop Over Items'),
		[NUMBERS_NODE]: link('Pre-verified pool'),
	});
	return workflow;
}

async function timedPage(url, sandbox) {
	sandbox.resetCounts();
	const started = process.hrtime.bigint();
	const response = await fetch(url);
	const html = await response.text();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${html.slice(0, 300)}`);
	return { ms, calls: sandbox.counts.total, endpoints: { ...sandbox.counts.endpoints }, page: readReportPage(html) };
}

async function measureFleet({ log = () => {} }) {
	let harness;
	try {
		harness = require('../n8n/lib/harness');
	} catch (error) {
		return { measured: false, reason: `dev/n8n/lib/harness.js is not loadable (${error.message.split('\n')[0]})` };
	}
	let stack;
	try {
		log('  fleet: starting the Graph sandbox (fleet world) and a real n8n');
		stack = await harness.startStack({ only: ['fleet'], sandboxOptions: { fixture: generateFleet() }, installLog: () => {} });
		const { client, sandbox, n8n } = stack;
		const fleet = stack.workflows.fleet;
		const headerCredential = await client.createCredential({
			name: 'bench: Graph bearer token',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${sandbox.credentials.accessToken}` },
		});
		const loop = await client.createWorkflow(handBuiltWorkflow(fleet.workflow, { graphUrl: `${sandbox.url}/v24.0`, headerCredential }));
		await client.activateWorkflow(fleet.id);
		await client.activateWorkflow(loop.id);
		const urls = { ours: `${n8n.url}/webhook/fleet-report`, loop: `${n8n.url}/webhook/fleet-report-loop` };

		const expected = expectedFleetReport(sandbox.state);
		const summarise = (runs) => ({
			ms: median(runs.map((run) => run.ms)),
			msAll: runs.map((run) => Math.round(run.ms)),
			calls: runs[0].calls,
			callsAll: runs.map((run) => run.calls),
			endpoints: runs[0].endpoints,
			figuresMatch: runs.every(
				({ page }) =>
					page.numbers === expected.numbers &&
					page.actions === expected.actions &&
					['status', 'quality', 'health', 'reason', 'preVerified'].every((group) => sameCounts(page[group], expected[group])),
			),
			numbers: runs[0].page.numbers,
			actions: runs[0].page.actions,
		});
		const byLatency = [];
		for (const { latencyMs, rounds } of LATENCIES) {
			sandbox.setLatency(latencyMs);
			const runs = { ours: [], loop: [] };
			for (const side of ['ours', 'loop']) await timedPage(urls[side], sandbox);
			for (let round = 0; round < rounds; round++) {
				const order = round % 2 === 0 ? ['ours', 'loop'] : ['loop', 'ours'];
				for (const side of order) {
					runs[side].push(await timedPage(urls[side], sandbox));
					log(`  fleet: ${latencyMs} ms latency, round ${round + 1} ${side} ${Math.round(runs[side].at(-1).ms)} ms, ${runs[side].at(-1).calls} calls`);
				}
			}
			byLatency.push({ latencyMs, rounds, ours: summarise(runs.ours), loop: summarise(runs.loop) });
		}
		return {
			measured: true,
			n8nVersion: n8n.version ?? '2.41.1',
			wabas: expected.wabas,
			numbers: expected.numbers,
			pool: sandbox.state.preVerifiedNumbers.length,
			minimum: expected.minimumCalls,
			byLatency,
		};
	} catch (error) {
		return { measured: false, reason: error.message.split('\n')[0] };
	} finally {
		if (stack) await stack.stop();
	}
}

module.exports = { measureFleet, handBuiltWorkflow };

if (require.main === module) {
	measureFleet({ log: (message) => process.stderr.write(`${message}\n`) }).then((result) => process.stdout.write(`${JSON.stringify(result, null, 1)}\n`));
}
