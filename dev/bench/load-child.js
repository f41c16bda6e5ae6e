'use strict';
/**
 * One start-up load in a fresh process (measure 5). `package`: n8n's PackageDirectoryLoader
 * `loadAll()` on the package root, as n8n loads a community package at start-up. `builtIn`:
 * n8n's own WhatsApp and WhatsApp Trigger node files, required and instantiated as n8n does on
 * first use (n8n-nodes-base is loaded lazily), for scale. n8n-core is loaded before timing.
 * argv: <package|builtIn> <cache|repo>; prints one JSON line.
 */
const path = require('node:path');

const { setupEngine, nodesBase, REPO_ROOT } = require('./lib/engine');

async function main() {
	const [what, engineSource] = process.argv.slice(2);
	setupEngine({ useCache: engineSource === 'cache' });
	const { PackageDirectoryLoader } = require('n8n-core');
	require('n8n-workflow');
	global.gc();
	const before = process.memoryUsage();
	const started = process.hrtime.bigint();
	let nodes;
	if (what === 'package') {
		const loader = new PackageDirectoryLoader(REPO_ROOT);
		await loader.loadAll();
		nodes = Object.keys(loader.known.nodes).length + Object.keys(loader.known.credentials).length;
	} else {
		const { WhatsApp } = nodesBase(path.join('dist', 'nodes', 'WhatsApp', 'WhatsApp.node.js'));
		const { WhatsAppTrigger } = nodesBase(path.join('dist', 'nodes', 'WhatsApp', 'WhatsAppTrigger.node.js'));
		nodes = [new WhatsApp(), new WhatsAppTrigger()].length;
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const loaded = process.memoryUsage();
	global.gc();
	const retained = process.memoryUsage();
	process.stdout.write(
		`${JSON.stringify({
			ms,
			nodes,
			rssDelta: loaded.rss - before.rss,
			heapDelta: retained.heapUsed - before.heapUsed,
		})}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error?.stack ?? error}\n`);
	process.exit(1);
});
