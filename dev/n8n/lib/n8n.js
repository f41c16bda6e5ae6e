'use strict';
/**
 * Starts a real n8n server (the cached install from dev/n8n/install-n8n.sh) with this package loaded,
 * and talks to it over its REST API the way the editor does.
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, installPackageInto } = require('./install');
const { startProcess } = require('./procs');

const HOST = '127.0.0.1';

/** A free TCP port on 127.0.0.1 (the kernel picks one; the race window is negligible here). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function isPortFree(port) {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, HOST, () => server.close(() => resolve(true)));
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The environment every n8n process gets: its own user folder, 127.0.0.1 only, nothing phoned
 * home, executions always saved (tests read them back), a fixed encryption key so other
 * processes of the same instance (queue mode: workers, webhook processes) can share the database.
 */
function n8nEnv({ install, userFolder, port, brokerPort, extra = {} }) {
	const env = {
		...process.env,
		PATH: `${install.nodeBin}:${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: HOST,
		N8N_HOST: HOST,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${HOST}:${port}/`,
		N8N_WEBHOOK_URL: `http://${HOST}:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: 'e2e-n8n-nodes-whatsapp-phone-numbers-key',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// Task runners are always on in n8n 2.x; internal mode starts the JS runner as a child.
		N8N_RUNNERS_MODE: 'internal',
		// The runners' broker listens on 5679 by default: a free port, so instances can coexist.
		...(brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(brokerPort) } : {}),
		// Publishing (activation) goes through an outbox polled every 15 s by default; 1 s here.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '4',
		EXECUTIONS_MODE: 'regular',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		EXECUTIONS_DATA_PRUNE: 'false',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...extra,
	};
	// A user-level npm `nodedir` (as on this machine) must not reach n8n's own npm calls.
	delete env.npm_config_nodedir;
	// Jest sets NODE_ENV=test, which makes n8n exit at start-up; n8n runs as in production.
	delete env.NODE_ENV;
	delete env.JEST_WORKER_ID;
	return env;
}

/**
 * Starts `n8n start` with the package installed in a fresh (or given) user folder.
 * Options: port (default: a free one), userFolder (default: a new temp dir, removed on stop
 * unless keepUserFolder), env (extra variables), echo (copy n8n's log to stdout), log (progress).
 */
async function startN8n(options = {}) {
	const log = options.log || (() => {});
	const install = options.install || (await ensureN8n({ onLog: options.installLog }));
	const port = options.port || (await freePort());
	if (options.port && !(await isPortFree(port))) {
		throw new Error(`port ${port} on ${HOST} is already in use (another n8n?)`);
	}
	const ownFolder = !options.userFolder;
	const userFolder = options.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	if (!options.skipPackageInstall) installPackageInto(userFolder);
	const logFile = options.logFile || path.join(userFolder, 'n8n.log');
	const brokerPort = await freePort();
	const env = n8nEnv({ install, userFolder, port, brokerPort, extra: options.env });
	const args = [install.n8nMain, ...(options.command || ['start'])];
	log(`starting n8n ${install.n8nVersion} on http://${HOST}:${port} (user folder ${userFolder})`);
	const proc = startProcess(options.name || 'n8n', install.nodeExe, args, {
		env,
		cwd: userFolder,
		logFile,
		echo: options.echo,
	});
	const url = `http://${HOST}:${port}`;
	const instance = {
		url,
		port,
		userFolder,
		logFile,
		proc,
		install,
		env,
		output: () => proc.output,
		client: () => new N8nClient(url, { n8nDir: install.n8nDir }),
		async stop() {
			await proc.stop();
			if (ownFolder && !options.keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	try {
		await waitForHealth(url, proc, options.startTimeoutMs || 180_000);
	} catch (error) {
		await instance.stop().catch(() => {});
		throw error;
	}
	return instance;
}

async function waitForHealth(url, proc, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.exited) {
			throw new Error(`n8n exited (${proc.exitCode}) before answering /healthz:\n${proc.output.slice(-4000)}`);
		}
		try {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return;
		} catch {
			/* not listening yet */
		}
		await sleep(500);
	}
	throw new Error(`n8n did not answer ${url}/healthz/readiness within ${timeoutMs} ms:\n${proc.output.slice(-4000)}`);
}

/**
 * Parses the `flatted` form n8n stores execution data in (the REST API returns it as a string),
 * with the `flatted` package of the cached n8n install (the same parser the editor uses).
 */
function unflatten(value, n8nDir) {
	if (typeof value !== 'string') return value;
	const dir = n8nDir || process.env.N8N_E2E_N8N_DIR;
	const flatted = require(path.join(dir, 'node_modules', 'flatted', 'cjs', 'index.js'));
	return flatted.parse(value);
}

/** A logged-in REST session against one n8n instance (cookie + browser-id, like the editor). */
class N8nClient {
	constructor(baseUrl, { n8nDir } = {}) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.n8nDir = n8nDir;
		this.cookie = '';
		this.browserId = 'e2e-browser-0b6f1c2e';
		/** Rows n8n's execution list gave more than once (see listExecutions). */
		this.repeatedListRows = 0;
	}

	async request(method, route, body, { raw = false, expectStatus, attempt = 0, timeoutMs = 60_000 } = {}) {
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const setCookie = res.headers.getSetCookie ? res.headers.getSetCookie() : [];
		for (const c of setCookie) {
			const [pair] = c.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		if (raw) return { status: res.status, json, text };
		// Under a burst, SQLite is busy long enough for n8n's health ping to time out; n8n then
		// answers 503 "Database is not ready!" until the ping succeeds again (seconds). Reads wait.
		if (method === 'GET' && res.status === 503 && /Database is not ready/.test(text) && attempt < 60) {
			await sleep(1000);
			return await this.request(method, route, body, { raw, expectStatus, attempt: attempt + 1, timeoutMs });
		}
		const ok = expectStatus ? res.status === expectStatus : res.ok;
		if (!ok) {
			throw new Error(`${method} /rest${route} → ${res.status}: ${text.slice(0, 1000)}`);
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** Node types the editor knows (`/types/nodes.json`, served to logged-in users). */
	async nodeTypes() {
		const res = await fetch(`${this.baseUrl}/types/nodes.json`, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!res.ok) throw new Error(`GET /types/nodes.json → ${res.status}`);
		return await res.json();
	}

	async credentialTypes() {
		const res = await fetch(`${this.baseUrl}/types/credentials.json`, {
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
		});
		if (!res.ok) throw new Error(`GET /types/credentials.json → ${res.status}`);
		return await res.json();
	}

	/** Creates the owner account on a fresh instance (and logs in), or logs in if it exists. */
	async setupOwnerOrLogin({ email, password, firstName = 'Owner', lastName = 'E2E' }) {
		const settings = await this.request('GET', '/settings');
		const needsSetup = settings?.userManagement?.showSetupOnFirstLoad !== false;
		if (needsSetup) {
			const res = await this.request('POST', '/owner/setup', { email, password, firstName, lastName }, { raw: true });
			if (res.status < 300) {
				if (!this.cookie) await this.login(email, password);
				return { created: true };
			}
		}
		await this.login(email, password);
		return { created: false };
	}

	async login(email, password) {
		await this.request('POST', '/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('login returned no n8n-auth cookie');
	}

	async createCredential({ name, type, data }) {
		return await this.request('POST', '/credentials', { name, type, data });
	}

	async listCredentials() {
		return await this.request('GET', '/credentials');
	}

	async updateCredential(id, { name, type, data }) {
		return await this.request('PATCH', `/credentials/${id}`, { name, type, data });
	}

	async createWorkflow(workflow) {
		const { name, nodes, connections, settings, pinData, staticData, meta, tags } = workflow;
		const body = { name, nodes, connections, settings: settings || { executionOrder: 'v1' }, active: false };
		if (pinData) body.pinData = pinData;
		if (staticData) body.staticData = staticData;
		if (meta) body.meta = meta;
		void tags;
		return await this.request('POST', '/workflows', body);
	}

	async getWorkflow(id) {
		return await this.request('GET', `/workflows/${id}`);
	}

	async listWorkflows() {
		return await this.request('GET', '/workflows');
	}

	/**
	 * Publishes (activates) the workflow's current version and waits until n8n's publication
	 * outbox has activated its triggers (production webhooks registered, trigger `create` run).
	 */
	async activateWorkflow(id, { timeoutMs = 60_000 } = {}) {
		const wf = await this.getWorkflow(id);
		await this.request('POST', `/workflows/${id}/activate`, { versionId: wf.versionId });
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.request('GET', `/workflows/${id}/publication-status`);
			const failed = (status.triggers || []).filter((t) => t.status === 'failed');
			if (failed.length || status.status === 'failed') {
				throw new Error(`activation of workflow ${id} failed: ${JSON.stringify(status)}`);
			}
			if (status.status === 'published' && status.liveVersionId === wf.versionId) return status;
			if (Date.now() > deadline) throw new Error(`workflow ${id} not published within ${timeoutMs} ms: ${JSON.stringify(status)}`);
			await sleep(250);
		}
	}

	async deactivateWorkflow(id) {
		return await this.request('POST', `/workflows/${id}/deactivate`, {});
	}

	/** Runs a saved workflow as the editor's "Execute workflow" does, from the named trigger node. */
	async runWorkflow(id, triggerName) {
		const result = await this.request('POST', `/workflows/${id}/run`, {
			triggerToStartFrom: { name: triggerName },
		});
		if (!result || !result.executionId) {
			throw new Error(`workflow ${id} did not start: ${JSON.stringify(result)}`);
		}
		return result.executionId;
	}

	async getExecution(id) {
		const execution = await this.request('GET', `/executions/${id}`);
		if (execution && typeof execution.data === 'string') execution.data = unflatten(execution.data, this.n8nDir);
		return execution;
	}

	/** Waits until an execution has finished, then returns it with its data parsed. */
	async waitForExecution(id, { timeoutMs = 120_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await this.request('GET', `/executions/${id}`, undefined, { raw: true });
			if (res.status === 200) {
				const execution = res.json.data;
				if (execution && execution.stoppedAt && !['running', 'new', 'waiting'].includes(execution.status)) {
					if (typeof execution.data === 'string') execution.data = unflatten(execution.data, this.n8nDir);
					return execution;
				}
			}
			if (Date.now() > deadline) throw new Error(`execution ${id} did not finish within ${timeoutMs} ms`);
			await sleep(300);
		}
	}

	/**
	 * Every execution (summaries) of a workflow, newest first, following the list's cursor, each
	 * once. n8n 2.41 sorts a page by start time but continues after the page's last row by ID, so
	 * when executions started out of ID order (a queue-mode worker runs ten at a time) the next
	 * page repeats some rows; a repeated ID is one execution.
	 */
	async listExecutions(workflowId, { status } = {}) {
		const all = [];
		let cursor;
		for (let page = 0; page < 1000; page++) {
			const filter = { workflowId };
			if (status) filter.status = [status];
			const qs = new URLSearchParams({ filter: JSON.stringify(filter), limit: '100' });
			if (cursor) qs.set('cursor', cursor);
			const result = await this.request('GET', `/executions?${qs}`);
			all.push(...(result.results || []));
			cursor = result.nextCursor;
			if (!cursor || !(result.results || []).length) break;
		}
		const unfinished = (execution) => ['new', 'running', 'waiting'].includes(execution.status);
		const byId = new Map();
		for (const execution of all) {
			const id = String(execution.id);
			const seen = byId.get(id);
			if (seen) this.repeatedListRows += 1;
			// A row read while running and again once finished: keep the unfinished one, so a wait goes on.
			if (!seen || (unfinished(execution) && !unfinished(seen))) byId.set(id, execution);
		}
		return [...byId.values()];
	}
}

/** Output items of a node in an execution (`[run][outputIndex][item].json`, first run, first output). */
function nodeOutput(execution, nodeName, { run = 0, output = 0 } = {}) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs || !runs[run]) return undefined;
	const main = runs[run].data?.main?.[output] || [];
	return main.map((item) => item.json);
}

function nodeError(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	return runs?.[0]?.error;
}

module.exports = { startN8n, N8nClient, freePort, isPortFree, nodeOutput, nodeError, unflatten, n8nEnv, HOST, sleep };
