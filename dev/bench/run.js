#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: what the package costs, side by side with what a user would do instead,
 * in one table (console and dev/bench/results.md). See "Benchmarks" in the README.
 *
 *   node dev/bench/run.js [--skip-e2e] [--only=calls,trigger,e2e,compare,fleet,overhead,load]
 *
 * With the cached n8n install (dev/n8n/install-n8n.sh) the whole run re-executes itself on that
 * install's Node 24 and resolves n8n-core / n8n-workflow from it, so our nodes and n8n's own
 * nodes share one engine. Without it, measures 1 and 5 run on the package's own n8n-core and
 * the others say how to get the install.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { findCachedN8n, setupEngine, harness, nodesBase, REPO_ROOT } = require('./lib/engine');

const args = process.argv.slice(2);
const only = (args.find((arg) => arg.startsWith('--only=')) ?? '').slice('--only='.length).split(',').filter(Boolean);
const skipE2e = args.includes('--skip-e2e') || process.env.BENCH_SKIP_E2E === '1';
const wanted = (name) => (only.length ? only.includes(name) : !['e2e', 'compare', 'fleet'].includes(name) || !skipE2e);
const log = (message) => process.stderr.write(`${message}\n`);

const cached = findCachedN8n();

// Re-run on the cached Node 24 (n8n 2.41 needs it) unless already there.
if (cached.available && path.resolve(process.execPath) !== path.resolve(cached.nodeExe) && !process.env.BENCH_REEXEC) {
	const child = spawnSync(cached.nodeExe, [__filename, ...args], { stdio: 'inherit', env: { ...process.env, BENCH_REEXEC: '1' } });
	process.exit(child.status ?? 1);
}

const number = (value, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes) => `${number(bytes / 2 ** 20, 1)} MiB`;
const times = (ratio) => `${number(ratio, ratio >= 10 ? 0 : ratio >= 1 ? 1 : 2)}×`;

function ensureBuild() {
	const { isBuildFresh } = require('../n8n/lib/install');
	if (isBuildFresh()) return;
	log('Building the package (tsc + icons); errors from files in progress elsewhere do not stop the emit');
	spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
	spawnSync('npx', ['gulp', 'build:icons'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

function notMeasured(section, measure, reason) {
	return { section, measure, ours: '—', alternative: '—', ratio: '—', target: `not measured: ${reason}` };
}

function callRows(jobs) {
	return jobs.map((job, index) => {
		const ours = job.measured.ours;
		const alternative = job.measured.alternative;
		const met = ours.calls === job.minimum && ours.correct;
		return {
			section: `1${'abc'[index]}`,
			measure: job.label,
			ours: `${number(ours.calls)} calls`,
			alternative: `${number(alternative.calls)} calls`,
			ratio: `${times(alternative.calls / ours.calls)} fewer`,
			target: `= minimum ${number(job.minimum)} (${job.minimumText}): ${met ? 'met' : 'NOT met'}`,
			note: `${job.detail}. Ours: ${job.outcome(ours.result)}${ours.correct ? '' : ' (WRONG RESULT)'}; ${endpointText(ours.endpoints)}. Hand-built: ${job.outcome(alternative.result)}; ${endpointText(alternative.endpoints)}.`,
		};
	});
}

const endpointText = (endpoints) =>
	Object.entries(endpoints)
		.map(([endpoint, count]) => `${count} × \`${endpoint}\``)
		.join(', ');

function triggerRow(result) {
	const ratio = result.ours.perSecond / result.builtIn.perSecond;
	const microseconds = (perSecond) => 1e6 / perSecond;
	const roundTrip = microseconds(result.ours.perSecond) - microseconds(result.oursWithoutRoundTrip.perSecond);
	return {
		section: '2',
		measure: 'Trigger throughput, in-process (deliveries/s)',
		ours: `${number(result.ours.perSecond)}/s`,
		alternative: `${number(result.builtIn.perSecond)}/s`,
		ratio: ratio >= 1 ? `${times(ratio)} faster` : `${times(1 / ratio)} slower`,
		target: `≥ 0.8× built-in: ${ratio >= 0.8 ? 'met' : 'NOT met'}`,
		note:
			`${number(result.deliveries)} signed deliveries × ${result.passes} passes, alternated in batches of 100 (${Object.entries(result.kinds).map(([k, v]) => `${v} ${k}`).join(', ')}). ` +
			`Ours: ${result.ours.executions} executions, ${result.ours.statuses['401'] ?? 0} forged answered 401, redeliveries dropped, static data ${number(result.ours.staticDataBytes / 1024, 1)} KiB at the end. ` +
			`Built-in: ${result.builtIn.executions} executions (redeliveries run again, forged answered 200 without a run). ` +
			`Per delivery: ours ${number(microseconds(result.ours.perSecond), 1)} µs, built-in ${number(microseconds(result.builtIn.perSecond), 1)} µs. ` +
			`Of ours, ${number(roundTrip, 1)} µs is n8n's JSON round trip of the static data that holds the memory (measured by the same run with the object kept as it is: ${number(result.oursWithoutRoundTrip.perSecond)}/s, ${times(result.oursWithoutRoundTrip.perSecond / result.builtIn.perSecond)} the built-in), ` +
			`${number(result.hmacMicroseconds, 1)} µs the HMAC-SHA256 of the signature.`,
	};
}

function compareRows(result) {
	const measure = 'Webhook deliveries in a real n8n: ours vs Webhook → Crypto → If (deliveries/s)';
	if (!result.measured) return [notMeasured('6', measure, result.reason)];
	return result.configurations.map((c, index) => {
		const section = `6${'abcdef'[index]}`;
		const label = `${measure}, ${c.description}`;
		if (c.error) return notMeasured(section, label, c.error);
		const { ours, alternative, forged } = c;
		const readBack = (side) => `${side.readBack.asExpected}/${side.readBack.executions} (warm-up included) read back as expected`;
		const engine = Object.keys(c.env).length ? Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(' ') : 'default expression engine (vm)';
		return {
			section,
			measure: label,
			ours: `${number(ours.perSecond, 1)}/s`,
			alternative: `${number(alternative.perSecond, 1)}/s`,
			ratio: c.ratio >= 1 ? `${times(c.ratio)} faster` : `${times(1 / c.ratio)} slower`,
			target: c.env.N8N_EXPRESSION_ENGINE === 'legacy' ? `≥ 0.9×: ${c.ratio >= 0.9 ? 'met' : 'NOT met'}` : 'figure only',
			note:
				`n8n ${c.n8nVersion} (SQLite, regular mode), ${engine}; ` +
				`${result.deliveries} distinct signed deliveries per side, alternated in batches of ${result.batchSize} (who goes first alternating), ${result.concurrency} in flight; ` +
				`time from a batch's first send until n8n lists all its executions finished, summed per side. ` +
				`Ours: examples/alerting.json, ${ours.executions} executions, statuses ${JSON.stringify(ours.statuses)}, ${readBack(ours)}; HTTP answers alone ${number(ours.sendOnlyMs / 1000, 1)} s of ${number(ours.ms / 1000, 1)} s. ` +
				`Alternative: ${result.alternative}; ${alternative.executions} executions, statuses ${JSON.stringify(alternative.statuses)}, ${readBack(alternative)}; HTTP answers alone ${number(alternative.sendOnlyMs / 1000, 1)} s of ${number(alternative.ms / 1000, 1)} s. ` +
				`Forged: ours ${JSON.stringify(forged.ours.statuses)}, ${forged.ours.newExecutions} executions; alternative ${JSON.stringify(forged.alternative.statuses)}, If false branch ${forged.alternative.falseBranchItems} item, true branch ${forged.alternative.trueBranchItems}.`,
		};
	});
}

function e2eRow(result) {
	if (!result.measured) return notMeasured('3', 'End to end in a real n8n (deliveries/s)', result.reason);
	const collapsed = result.executionsFromRedelivery === 0;
	const allRan = result.executionsFromFirst === result.deliveries;
	return {
		section: '3',
		measure: 'End to end in a real n8n (deliveries/s)',
		ours: `${number(result.perSecond, 1)}/s`,
		alternative: '—',
		ratio: '—',
		target: `${result.deliveries} concurrent → ${result.executionsFromFirst} executions: ${allRan ? 'met' : 'NOT met'}; same ${result.deliveries} again → ${result.executionsFromRedelivery} new: ${collapsed ? 'met' : 'NOT met'}`,
		note:
			`n8n ${result.n8nVersion} (sqlite, regular mode) with the package installed as a community package; production URL, signature checked, ${result.concurrency} deliveries in flight. ` +
			`Statuses ${JSON.stringify(result.firstStatuses)}, again ${JSON.stringify(result.againStatuses)}; ${result.forged} forged → ${JSON.stringify(result.forgedStatuses)}, ${result.executionsFromForged} executions; ` +
			`${result.sequential} new one at a time → ${result.executionsFromSequential} executions, the same again one at a time → ${result.executionsFromSequentialRedelivery} new; ` +
			`fingerprints in the stored static data afterwards: ${result.storedFingerprints}; failed executions: ${result.failedExecutions}. ` +
			"No alternative figure: n8n's WhatsApp Trigger cannot be activated without Meta (its activation calls graph.facebook.com).",
	};
}

function fleetRows(result) {
	const measure = 'Fleet report in a real n8n, 25 WABAs / 2,500 numbers: Get Many Across WABAs vs hand-built loop';
	if (!result.measured) return [notMeasured('7', measure, result.reason)];
	const { minimum, byLatency } = result;
	const [{ ours, loop }] = byLatency;
	const minimumText = `${minimum.wabaPages} WABA pages + ${minimum.numberPages} number pages + ${minimum.poolPages} pool pages`;
	const side = (name, s) =>
		`${name}: ${s.numbers} numbers, ${s.actions} needing action, figures ${s.figuresMatch ? 'match' : 'DO NOT match'} the world; calls per run ${s.callsAll.join('/')} (${endpointText(s.endpoints)})`;
	const allMatch = byLatency.every((run) => run.ours.figuresMatch && run.loop.figuresMatch);
	return [
		{
			section: '7a',
			measure: `${measure}, calls`,
			ours: `${number(ours.calls)} calls`,
			alternative: `${number(loop.calls)} calls`,
			ratio: ours.calls === loop.calls ? 'same' : `${times(loop.calls / ours.calls)} fewer`,
			target: `= minimum ${minimum.total} (${minimumText}): ${ours.calls === minimum.total && allMatch ? 'met' : 'NOT met'}`,
			note: `n8n ${result.n8nVersion}, sandbox fleet world (${result.wabas} WABAs, ${result.numbers} numbers, pool of ${result.pool}); each side answers the webhook with the whole page. ${side('Ours (examples/fleet-report.json)', ours)}. ${side('Hand-built (Webhook → HTTP Request owned/client WABAs, paginated → Loop Over Items → HTTP Request per WABA, paginated → Code tagging and registration deadlines → the same report nodes)', loop)}.`,
		},
		...byLatency.map((run, index) => {
			const speed = run.loop.ms / run.ours.ms;
			return {
				section: `7${'bc'[index]}`,
				measure: `${measure}, wall time per report, ${run.latencyMs ? `Graph answers after ${run.latencyMs} ms` : 'sandbox answers at once'}`,
				ours: `${number(run.ours.ms)} ms`,
				alternative: `${number(run.loop.ms)} ms`,
				ratio: speed >= 1 ? `${times(speed)} faster` : `${times(1 / speed)} slower`,
				target: 'figure only',
				note: `From the GET to the last byte of the page, median of ${run.rounds} runs per side (ours ${run.ours.msAll.join('/')} ms, loop ${run.loop.msAll.join('/')} ms), alternating who goes first, after one warm-up each; figures match the world: ${run.ours.figuresMatch && run.loop.figuresMatch ? 'yes' : 'NO'}. Ours reads 4 WABAs at a time; the loop one after the other.${run.latencyMs ? ' The delay stands in for the round trip to Meta, which the local sandbox does not have.' : ''}`,
			};
		}),
	];
}

/** Rows 4a/4b from the legacy expression engine, 4c from `vm` (the engine `n8n start` uses by default). */
function overheadRows(result, vmResult) {
	const { ours, httpRequest } = result;
	// CPU time of each side's process decides the ratio: on a shared machine wall time also counts other processes' turns.
	const ratio = (side, base) => (side.cpuMs / base.cpuMs <= 1 ? `${times(base.cpuMs / side.cpuMs)} faster (CPU)` : `${times(side.cpuMs / base.cpuMs)} slower (CPU)`);
	const time = (side) => `${number(side.ms)} ms (CPU ${number(side.cpuMs)} ms)`;
	const common = (run) =>
		`Get on ${number(run.items)} numbers, median of ${run.rounds} fresh processes per side (alternating), after a ${50}-item warm-up; calls per run ${run.ours.calls.join('/')} vs ${run.httpRequest.calls.join('/')}; expression evaluations per item ${run.ours.evaluationsPerItem} vs ${run.httpRequest.evaluationsPerItem}.`;
	return [
		{
			section: '4a',
			measure: `Per-item overhead: Get × ${number(result.items)}, time, N8N_EXPRESSION_ENGINE=legacy`,
			ours: time(ours),
			alternative: time(httpRequest),
			ratio: ratio(ours, httpRequest),
			target: `≤ 1.1× (CPU): ${ours.cpuMs / httpRequest.cpuMs <= 1.1 ? 'met' : 'NOT met'}`,
			note: `${common(result)} Alternative: n8n's HTTP Request node 4.2 with a Header Auth credential, same fields.`,
		},
		{
			section: '4b',
			measure: `Per-item overhead: Get × ${number(result.items)}, peak RSS / heap`,
			ours: `${mib(ours.peakRss)} / ${mib(ours.peakHeap)}`,
			alternative: `${mib(httpRequest.peakRss)} / ${mib(httpRequest.peakHeap)}`,
			ratio: `${times(ours.peakRss / httpRequest.peakRss)} / ${times(ours.peakHeap / httpRequest.peakHeap)}`,
			target: 'figure only',
			note: `Peak \`process.memoryUsage()\` sampled every 2 ms (RSS also from \`resourceUsage().maxRSS\`); before the run: ours ${mib(ours.baselineRss)} / ${mib(ours.baselineHeap)}, HTTP Request ${mib(httpRequest.baselineRss)} / ${mib(httpRequest.baselineHeap)} (n8n-core and both node types loaded in both).`,
		},
		{
			section: '4c',
			measure: `Per-item overhead: Get × ${number(vmResult.items)}, time, default expression engine (vm)`,
			ours: time(vmResult.ours),
			alternative: time(vmResult.httpRequest),
			ratio: ratio(vmResult.ours, vmResult.httpRequest),
			target: `≤ 1.5× (CPU): ${vmResult.ours.cpuMs / vmResult.httpRequest.cpuMs <= 1.5 ? 'met' : 'NOT met'}`,
			note: common(vmResult),
		},
	];
}

function loadRow(result) {
	const { package: ours, builtIn } = result;
	return {
		section: '5',
		measure: 'Load cost at start-up (time / RSS / heap)',
		ours: `${number(ours.ms, 1)} ms / ${mib(ours.rssDelta)} / ${mib(ours.heapDelta)}`,
		alternative: builtIn ? `${number(builtIn.ms, 1)} ms / ${mib(builtIn.rssDelta)} / ${mib(builtIn.heapDelta)}` : '—',
		ratio: builtIn ? `${times(ours.ms / builtIn.ms)} the time` : '—',
		target: 'figure only',
		note:
			`PackageDirectoryLoader.loadAll() on the package root (${ours.nodes} node and credential types), fresh process each, median of ${result.repetitions}; heap retained after GC. ` +
			(builtIn
				? "Alternative, for scale: n8n's own WhatsApp + WhatsApp Trigger node files required and instantiated (n8n loads its built-ins lazily, on first use)."
				: 'No alternative: the cached n8n install is missing.'),
	};
}

function renderTable(rows) {
	const header = ['#', 'Measure', 'Ours', 'Alternative', 'Ratio', 'Target'];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
	rows.forEach((row) => {
		lines.push(`| ${row.section} | ${row.measure} | ${row.ours} | ${row.alternative} | ${row.ratio} | ${row.target} |`);
	});
	return lines.join('\n');
}

function machineLine() {
	const cpus = os.cpus();
	return `${os.hostname()}, ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${mib(os.totalmem())} RAM, ${os.platform()} ${os.release()}`;
}

async function main() {
	ensureBuild();
	const engine = setupEngine({ useCache: cached.available });
	const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
	log(`Benchmark on ${machineLine()}\nEngine: ${engine.describe()}`);
	if (!cached.available) log(`Note: ${cached.reason}. Measures 2–4 and the load comparison need it.`);
	const rows = [];
	const engineHarness = harness();

	if (wanted('calls')) {
		log('1. Calls per job');
		rows.push(...callRows(await require('./calls').measureCalls({ harness: engineHarness, log })));
	}
	if (wanted('trigger')) {
		log('2. Trigger throughput');
		rows.push(
			cached.available
				? triggerRow(await require('./trigger').measureTrigger({ harness: engineHarness, nodesBase, log }))
				: notMeasured('2', 'Trigger throughput, in-process (deliveries/s)', cached.reason),
		);
	}
	if (wanted('e2e')) {
		log('3. End to end in a real n8n');
		rows.push(
			cached.available
				? e2eRow(await require('./e2e').measureEndToEnd({ log }))
				: notMeasured('3', 'End to end in a real n8n (deliveries/s)', cached.reason),
		);
	} else if (skipE2e) {
		rows.push(notMeasured('3', 'End to end in a real n8n (deliveries/s)', 'skipped (--skip-e2e)'));
	}
	if (wanted('compare')) {
		log('6. Ours vs the hand-built Webhook → Crypto → If workflow, in a real n8n');
		rows.push(
			...(cached.available
				? compareRows(await require('./webhook-compare').measureWebhookCompare({ log }))
				: [notMeasured('6', 'Webhook deliveries in a real n8n: ours vs Webhook → Crypto → If (deliveries/s)', cached.reason)]),
		);
	}
	if (wanted('fleet')) {
		log('7. Fleet report in a real n8n: Get Many Across WABAs vs the hand-built loop');
		rows.push(
			...(cached.available
				? fleetRows(await require('./fleet').measureFleet({ log }))
				: [notMeasured('7', 'Fleet report in a real n8n', cached.reason)]),
		);
	} else if (skipE2e) {
		rows.push(notMeasured('7', 'Fleet report in a real n8n', 'skipped (--skip-e2e)'));
	}
	if (wanted('overhead')) {
		log('4. Per-item overhead');
		rows.push(
			...(cached.available
				? overheadRows(
						await require('./overhead').measureOverhead({ execPath: process.execPath, log, engine: 'legacy' }),
						await require('./overhead').measureOverhead({ execPath: process.execPath, log, engine: 'vm' }),
					)
				: [notMeasured('4', 'Per-item overhead: Get × 1,000 (time, memory)', cached.reason)]),
		);
	}
	if (wanted('load')) {
		log('5. Load cost');
		rows.push(
			loadRow(
				require('./load').measureLoad({
					execPath: process.execPath,
					withBuiltIn: cached.available,
					engineSource: cached.available ? 'cache' : 'repo',
					log,
				}),
			),
		);
	}

	const table = renderTable(rows);
	const notes = rows.map((row) => `- **${row.section}** ${row.note ?? row.target}`).join('\n');
	const heading = `Machine: ${machineLine()}\nDate: ${date}\nEngine: ${engine.describe()}`;
	process.stdout.write(`\n${heading}\n\n${table}\n\n${notes}\n`);
	if (!only.length) {
		const markdown = [
			'# Benchmark results',
			'',
			'Written by `npm run bench` (dev/bench/run.js); how to read it: the "Benchmarks" section of the README.',
			'',
			`- Machine: ${machineLine()}`,
			`- Date: ${date}`,
			`- Engine: ${engine.describe()}`,
			'',
			table,
			'',
			'## Notes',
			'',
			notes,
			'',
		].join('\n');
		fs.writeFileSync(path.join(__dirname, 'results.md'), markdown);
		log('\nWritten to dev/bench/results.md');
	}
}

main().catch((error) => {
	log(error?.stack ?? String(error));
	process.exit(1);
});
