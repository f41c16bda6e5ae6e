'use strict';
/**
 * n8n 2.41 in queue mode with this package loaded: Redis + PostgreSQL (dev/n8n/queue/services.js),
 * one main (`n8n start`), `workers` workers (`n8n worker`) and two webhook processes (`n8n webhook`),
 * each with its own user folder holding the package in `.n8n/nodes` (as on separate machines),
 * sharing the database, the queue and the encryption key. Built from e2e/lib: the cached n8n
 * install, startN8n (env, process groups), the Graph sandbox and provision().
 *
 *   const cluster = await startQueueCluster({ only: ['onboarding'] });
 *   cluster.main.client()  cluster.webhooks[i].url  cluster.restartWebhooks()  cluster.restartWorker()  cluster.stop()
 *
 * Production webhooks are served only by the webhook processes (N8N_DISABLE_PRODUCTION_MAIN_PROCESS);
 * the public webhook URL (what the trigger subscribes at Meta) is webhook process 0's, standing in
 * for a load balancer. Manual runs are offloaded to the worker (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, installPackageInto } = require('../lib/install');
const { startN8n, freePort, HOST } = require('../lib/n8n');
const { stopAll } = require('../lib/procs');
const { provision } = require('../lib/setup');
const { loadSandboxModule } = require('../lib/harness');
const { ensureServices, startPostgres, startRedis } = require('./services');

/** The environment shared by every process of the instance (queue, database, public URL). */
function queueEnv({ redis, db, publicWebhookUrl, prefix }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: prefix,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: db.host,
		DB_POSTGRESDB_PORT: String(db.port),
		DB_POSTGRESDB_DATABASE: db.database,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		DB_POSTGRESDB_POOL_SIZE: '4',
		N8N_WEBHOOK_URL: publicWebhookUrl,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	};
}

/**
 * Starts the sandbox, Redis, PostgreSQL and the four n8n processes, then provisions the owner,
 * the credential and the example workflows (`only`) through the main's REST API.
 */
async function startQueueCluster({
	only,
	sandboxOptions = {},
	webhookProcesses = 2,
	workers = 1,
	workerConcurrency = 10,
	echo = false,
	log = (m) => process.stderr.write(`[e2e-queue] ${m}\n`),
} = {}) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-queue-'));
	const cluster = { root, sandbox: undefined, redis: undefined, db: undefined, main: undefined, worker: undefined, webhooks: [], workflows: {} };
	const stopN8n = async () => {
		const procs = [...cluster.webhooks, ...(cluster.workers || []), cluster.main].filter(Boolean);
		await Promise.all(procs.map((p) => p.stop().catch(() => {})));
	};
	cluster.stop = async () => {
		const errors = [];
		await stopN8n();
		for (const part of [cluster.redis, cluster.db, cluster.sandbox]) {
			if (part) await part.stop().catch((e) => errors.push(e));
		}
		await stopAll();
		fs.rmSync(root, { recursive: true, force: true });
		if (errors.length) throw errors[0];
	};
	try {
		ensureServices();
		const install = await ensureN8n({ onLog: () => {} });
		cluster.install = install;
		const { createSandbox } = loadSandboxModule();
		cluster.sandbox = createSandbox(sandboxOptions);
		await cluster.sandbox.start({ host: HOST, port: 0 });
		log(`Graph sandbox on ${cluster.sandbox.url}`);
		[cluster.redis, cluster.db] = await Promise.all([startRedis({ log }), startPostgres({ log })]);

		const webhookPorts = [];
		for (let i = 0; i < webhookProcesses; i++) webhookPorts.push(await freePort());
		const publicWebhookUrl = `http://${HOST}:${webhookPorts[0]}/`;
		const shared = queueEnv({ redis: cluster.redis, db: cluster.db, publicWebhookUrl, prefix: `bull-e2e-${process.pid}` });

		// The package is packed and installed once, then copied into each process's user folder.
		const packed = path.join(root, 'package-install');
		installPackageInto(packed);
		const folder = (name) => {
			const dir = path.join(root, name);
			fs.mkdirSync(dir, { recursive: true });
			fs.cpSync(path.join(packed, '.n8n'), path.join(dir, '.n8n'), { recursive: true });
			return dir;
		};
		const spawn = async (role, { port, command, env = {} }) => {
			const userFolder = folder(role);
			const brokerPort = await freePort();
			const options = {
				name: role,
				install,
				port,
				command,
				userFolder,
				keepUserFolder: true,
				skipPackageInstall: true,
				logFile: path.join(root, `${role}.log`),
				echo,
				env: { ...shared, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env },
			};
			const instance = await startN8n(options);
			instance.role = role;
			instance.options = options;
			return instance;
		};

		// Main first: it runs the database migrations the other processes expect.
		const mainPort = await freePort();
		cluster.main = await spawn('main', {
			port: mainPort,
			command: ['start'],
			env: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		log(`main on ${cluster.main.url}`);
		const workerPorts = [];
		for (let i = 0; i < workers; i++) workerPorts.push(await freePort());
		const started = await Promise.all([
			...workerPorts.map((port, i) =>
				spawn(workers === 1 ? 'worker' : `worker-${i}`, {
					port,
					command: ['worker', `--concurrency=${workerConcurrency}`],
					env: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: HOST },
				}),
			),
			...webhookPorts.map((port, i) => spawn(`webhook-${i}`, { port, command: ['webhook'] })),
		]);
		cluster.workers = started.slice(0, workers);
		cluster.worker = cluster.workers[0];
		cluster.webhooks = started.slice(workers);
		log(`${workers} workers (health on ${cluster.workers.map((w) => w.url).join(', ')}), webhook processes on ${cluster.webhooks.map((w) => w.url).join(', ')}`);

		cluster.client = cluster.main.client();
		Object.assign(cluster, await provision(cluster.client, { sandbox: cluster.sandbox, only }));
		cluster.productionWebhookUrl = (webhookId, pathSuffix = 'webhook', i = 0) =>
			`${cluster.webhooks[i].url}/webhook/${webhookId}/${pathSuffix}`;

		/** Stops both webhook processes, then starts them again on the same ports and user folders. */
		cluster.restartWebhooks = async () => {
			const old = cluster.webhooks;
			await Promise.all(old.map((w) => w.stop()));
			cluster.webhooks = await Promise.all(
				old.map(async (w) => {
					const instance = await startN8n(w.options);
					instance.role = w.role;
					instance.options = w.options;
					return instance;
				}),
			);
			return cluster.webhooks;
		};
		/** Starts process `old` again on its port and user folder (after a stop or a kill). */
		const again = async (old) => {
			await old.stop();
			const instance = await startN8n(old.options);
			instance.role = old.role;
			instance.options = old.options;
			return instance;
		};
		/** Stops the workers and starts them again (their process memory is gone; the database stays). */
		cluster.restartWorker = async () => {
			cluster.workers = await Promise.all(cluster.workers.map(again));
			cluster.worker = cluster.workers[0];
			return cluster.worker;
		};
		/** Starts webhook process `i` or worker `i` again after it was killed. */
		cluster.restartWebhook = async (i) => (cluster.webhooks[i] = await again(cluster.webhooks[i]));
		cluster.restartWorkerAt = async (i) => {
			cluster.workers[i] = await again(cluster.workers[i]);
			cluster.worker = cluster.workers[0];
			return cluster.workers[i];
		};
		return cluster;
	} catch (error) {
		await cluster.stop().catch(() => {});
		throw error;
	}
}

module.exports = { startQueueCluster, queueEnv };
