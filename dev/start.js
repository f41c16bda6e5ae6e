#!/usr/bin/env node
'use strict';
/**
 * `npm start`: see the package work in a real n8n without a Meta account.
 *
 *  1. installs what is missing: the package's dev dependencies (`npm install --ignore-scripts`),
 *     Node 24 and n8n 2.41 into a cache folder outside the clone (dev/n8n/install-n8n.sh);
 *  2. builds the package;
 *  3. starts the Graph API sandbox (http://127.0.0.1:8090), the chat model stand-in
 *     (http://127.0.0.1:8091/v1, dev/model/standIn.js) and n8n (http://127.0.0.1:5678)
 *     with the package installed in n8n's user folder as a community package;
 *  4. creates the owner account, the credentials (pointing at the sandbox and the stand-in)
 *     and the example workflows, runs the onboarding workflow once and prints its result,
 *     and activates "Ask the fleet" (Chat Trigger → AI Agent → our nodes as tools);
 *  5. keeps both servers running until Ctrl-C, then stops them.
 *
 * Environment: N8N_START_PORT (5678), SANDBOX_PORT (8090), MODEL_STAND_IN_PORT (8091), N8N_START_USER_FOLDER (default
 * .e2e/n8n-start in the clone; kept between runs, `npm start -- --fresh` empties it),
 * N8N_START_EXIT_AFTER_SETUP=1 (stop after the summary, for CI smoke tests).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
const say = (msg) => process.stdout.write(`[start] ${msg}\n`);

function ensureDevDependencies() {
	const probe = ['typescript', 'gulp', 'n8n-workflow'].map((m) => path.join(repoRoot, 'node_modules', m, 'package.json'));
	if (probe.every((p) => fs.existsSync(p))) return;
	// npm's warnings (engines of n8n's packages, deprecations) go to a log, not the terminal.
	const log = path.join(repoRoot, '.e2e', 'npm-install.log');
	fs.mkdirSync(path.dirname(log), { recursive: true });
	say(`installing the package’s dependencies (npm install; npm's output in ${log})`);
	const out = fs.openSync(log, 'w');
	try {
		execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: ['ignore', out, out] });
	} catch (error) {
		say(`npm install failed; the end of ${log}:`);
		process.stdout.write(fs.readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') + '\n');
		throw error;
	} finally {
		fs.closeSync(out);
	}
}

async function main() {
	ensureDevDependencies();
	const { ensureN8n, buildPackage, cacheRoot } = require('./n8n/lib/install');
	const { startStack } = require('./n8n/lib/harness');
	const { nodeOutput, nodeError, isPortFree } = require('./n8n/lib/n8n');
	const { DEFAULT_OWNER } = require('./n8n/lib/setup');

	const n8nPort = Number(process.env.N8N_START_PORT || 5678);
	const sandboxPort = Number(process.env.SANDBOX_PORT || 8090);
	const modelPort = Number(process.env.MODEL_STAND_IN_PORT || 8091);
	const ports = [
		['n8n', n8nPort, 'N8N_START_PORT'],
		['the Graph sandbox', sandboxPort, 'SANDBOX_PORT'],
		['the chat model stand-in', modelPort, 'MODEL_STAND_IN_PORT'],
	];
	for (const [what, port, variable] of ports) {
		if (!(await isPortFree(port))) {
			throw new Error(`port ${port} (for ${what}) is in use on 127.0.0.1: stop what runs there, or set ${variable}`);
		}
	}

	say(`n8n install cache: ${cacheRoot()}`);
	const install = await ensureN8n({ onLog: (line) => process.stdout.write(line.replace(/^/gm, '[install] ').replace(/\[install\] $/, '')) });
	buildPackage({ log: say });

	// The n8n user folder (owner, credential, workflows, executions) is kept between runs;
	// `npm start -- --fresh` starts from an empty one. Only a folder this script made (it leaves
	// a marker) is ever emptied, and a folder it did not make must be empty to be used.
	const fresh = process.argv.includes('--fresh');
	const userFolder = process.env.N8N_START_USER_FOLDER || path.join(repoRoot, '.e2e', 'n8n-start');
	const marker = path.join(userFolder, '.made-by-npm-start');
	const madeHere = fs.existsSync(marker);
	if (fs.existsSync(userFolder) && fs.readdirSync(userFolder).length && !madeHere) {
		throw new Error(`${userFolder} is not empty and was not made by npm start: choose an empty or new folder in N8N_START_USER_FOLDER`);
	}
	if (fresh && madeHere) {
		say(`--fresh: emptying ${userFolder}`);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
	const reused = fs.existsSync(marker);
	fs.mkdirSync(userFolder, { recursive: true });
	fs.writeFileSync(marker, 'This n8n user folder was made by npm start; `npm start -- --fresh` empties it.\n');
	say(reused ? `keeping the n8n data in ${userFolder} (npm start -- --fresh to start over)` : `n8n data in ${userFolder}`);

	let stack;
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the Graph sandbox …');
		if (stack) await stack.stop().catch((e) => say(`while stopping: ${e.message}`));
		say('stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	process.on('SIGHUP', () => void stop(0));

	say(`starting the Graph sandbox on http://127.0.0.1:${sandboxPort} and n8n ${install.n8nVersion} on http://127.0.0.1:${n8nPort} (about 30 s)`);
	stack = await startStack({
		sandboxPort,
		modelPort,
		n8nPort,
		userFolder,
		keepUserFolder: true,
		log: say,
		installLog: () => {},
		n8nEnv: { N8N_LOG_LEVEL: 'warn' },
	});
	const { client, workflows, credential, sandbox, n8n } = stack;
	const keptCount = Object.values(workflows).filter((w) => w.kept).length;
	say(
		keptCount
			? `logged in; credential "${credential.name}" points at this sandbox; ${keptCount} example workflows kept as you left them`
			: `created the owner, the credential "${credential.name}" and ${Object.keys(workflows).length} example workflows`,
	);

	say('running "Onboard a pre-verified number" once …');
	const onboarding = workflows.onboarding;
	const execution = await client.waitForExecution(await client.runWorkflow(onboarding.id, onboarding.trigger));
	const steps = Object.keys(execution.data.resultData.runData);
	for (const step of steps) {
		const error = nodeError(execution, step);
		const out = nodeOutput(execution, step) || [];
		const summary = error ? `ERROR ${error.message}` : summarize(step, out[0]);
		say(`  ${error ? '✗' : '✓'} ${step}${summary ? ': ' + summary : ''}`);
	}
	say(`onboarding execution ${execution.id}: ${execution.status}`);

	// The chat's webhook answers once the workflow is active; the editor's Chat button works either way.
	const askTheFleet = workflows.askTheFleet;
	await client.activateWorkflow(askTheFleet.id);
	const chatTrigger = askTheFleet.workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	const chatUrl = `http://127.0.0.1:${n8nPort}/webhook/${chatTrigger.webhookId}/chat`;

	const editor = `http://127.0.0.1:${n8nPort}`;
	const lines = [
		'',
		'────────────────────────────────────────────────────────────────────────',
		` n8n editor:   ${editor}`,
		` Log in with:  ${DEFAULT_OWNER.email}  /  ${DEFAULT_OWNER.password}`,
		` Workflows:    ${Object.values(workflows).map((w) => w.name).join(' · ')}`,
		` Onboarding:   ${editor}/workflow/${onboarding.id}/executions/${execution.id}`,
		` Ask the fleet: ${editor}/workflow/${askTheFleet.id} (Open chat: "Which numbers are flagged?"), or`,
		`   curl -s ${chatUrl} -H 'content-type: application/json' -d '{"action":"sendMessage","sessionId":"s1","chatInput":"Which numbers are flagged?"}'`,
		` Chat model stand-in (plays the model, no AI): ${stack.model.url}`,
		` Graph sandbox (stands in for graph.facebook.com): ${sandbox.url}/__sandbox`,
		` n8n log:      ${n8n.logFile}`,
		' Ctrl-C stops the servers.',
		'────────────────────────────────────────────────────────────────────────',
		'',
	];
	process.stdout.write(lines.join('\n') + '\n');

	if (process.env.N8N_START_EXIT_AFTER_SETUP === '1') await stop(execution.status === 'success' ? 0 : 1);
	// If n8n dies on its own, say so and stop the sandbox too.
	n8n.proc.exitPromise.then((code) => {
		if (!stopping) {
			say(`n8n exited (${code}); see ${n8n.logFile}`);
			void stop(1);
		}
	});
}

function summarize(step, json) {
	if (!json) return '';
	const keys = ['preVerifiedNumberId', 'phone_number', 'display_phone_number', 'phoneNumberId', 'status', 'code_verification_status', 'success'];
	const parts = keys.filter((k) => json[k] !== undefined && typeof json[k] !== 'object').map((k) => `${k}=${json[k]}`);
	if (json.code && /code/i.test(step)) parts.push('code=(read from the sandbox)');
	return parts.slice(0, 4).join(' ');
}

main().catch(async (error) => {
	process.stderr.write(`[start] failed: ${error.stack || error.message}\n`);
	try {
		await require('./n8n/lib/procs').stopAll();
	} catch {
		/* nothing left */
	}
	process.exit(1);
});
