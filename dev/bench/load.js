'use strict';
/** 5. Load cost: several fresh processes per side, alternating, median of each figure. */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const { median } = require('./overhead');

const REPETITIONS = 7;

function loadOnce({ execPath, what, engineSource }) {
	const out = execFileSync(execPath, ['--expose-gc', path.join(__dirname, 'load-child.js'), what, engineSource], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return JSON.parse(out.trim().split('\n').pop());
}

function measureLoad({ execPath, withBuiltIn, engineSource, log = () => {} }) {
	const sides = withBuiltIn ? ['package', 'builtIn'] : ['package'];
	const runs = { package: [], builtIn: [] };
	for (let repetition = 0; repetition < REPETITIONS; repetition++) {
		const order = repetition % 2 === 0 ? sides : [...sides].reverse();
		for (const what of order) runs[what].push(loadOnce({ execPath, what, engineSource }));
	}
	const summary = (list) =>
		list.length
			? {
					ms: median(list.map((r) => r.ms)),
					rssDelta: median(list.map((r) => r.rssDelta)),
					heapDelta: median(list.map((r) => r.heapDelta)),
					nodes: list[0].nodes,
				}
			: undefined;
	const result = { repetitions: REPETITIONS, package: summary(runs.package), builtIn: summary(runs.builtIn) };
	log(`  load: package ${result.package.ms.toFixed(1)} ms${result.builtIn ? `, built-in WhatsApp nodes ${result.builtIn.ms.toFixed(1)} ms` : ''}`);
	return result;
}

module.exports = { measureLoad };
