'use strict';
/**
 * Child processes that must never outlive the test run or `npm start`.
 *
 * Every server is spawned detached, so it leads its own process group; stopping it signals the
 * whole group (n8n starts task runners and other children). Whatever is still registered when
 * this process exits, or gets SIGINT/SIGTERM/SIGHUP, is killed with SIGKILL as a last resort.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const live = new Set();
let hooked = false;

function killGroup(child, signal) {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function hookExit() {
	if (hooked) return;
	hooked = true;
	process.on('exit', () => {
		for (const entry of live) killGroup(entry.child, 'SIGKILL');
	});
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(sig, () => {
			// Only act when nobody else handles the signal (npm start installs its own handler).
			if (process.listenerCount(sig) > 0) return;
			for (const entry of live) killGroup(entry.child, 'SIGKILL');
			process.exit(sig === 'SIGINT' ? 130 : 143);
		});
	}
}

/**
 * Spawns `command args` in its own process group. Output goes to `logFile` (appended) and is
 * kept in memory (the last ~2 MB) for assertions and failure reports.
 */
function startProcess(name, command, args, { env, cwd, logFile, echo = false } = {}) {
	hookExit();
	const child = spawn(command, args, {
		env,
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	const entry = { name, child, output: '', exited: false, exitCode: null };
	const onData = (chunk) => {
		const text = chunk.toString();
		entry.output += text;
		if (entry.output.length > 2_000_000) entry.output = entry.output.slice(-1_000_000);
		if (logStream) logStream.write(text);
		if (echo) process.stdout.write(text.replace(/^/gm, `[${name}] `));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	entry.exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			entry.exited = true;
			entry.exitCode = code ?? signal;
			live.delete(entry);
			if (logStream) logStream.end();
			resolve(entry.exitCode);
		});
		child.on('error', (error) => {
			entry.output += `\n[spawn error] ${error.message}\n`;
			entry.exited = true;
			live.delete(entry);
			resolve(null);
		});
	});
	live.add(entry);

	entry.stop = async (graceMs = 10_000) => {
		if (entry.exited) return entry.exitCode;
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
		const code = await entry.exitPromise;
		clearTimeout(timer);
		// Children that ignored SIGTERM or were re-parented stay in the group: make sure.
		killGroup(child, 'SIGKILL');
		return code;
	};
	return entry;
}

/** Stops every process still registered (used by afterAll and by signal handlers). */
async function stopAll() {
	await Promise.all([...live].map((entry) => entry.stop()));
}

module.exports = { startProcess, stopAll, killGroup, live };
