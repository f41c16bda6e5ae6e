'use strict';
/**
 * Redis and PostgreSQL for the queue-mode suite, from Debian's packages, each a private server in
 * a temporary directory, listening on 127.0.0.1 only, on a free port. They are spawned through
 * dev/n8n/lib/procs.js, so they die with the test process even when a test fails or jest is killed.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort, sleep, HOST } = require('../lib/n8n');
const { startProcess } = require('../lib/procs');

const installScript = path.join(__dirname, 'install-services.sh');

/** Installs redis-server / postgresql with apt-get when missing (root or sudo -n), else a no-op. */
function ensureServices() {
	execFileSync('bash', [installScript], { stdio: ['ignore', 'inherit', 'inherit'] });
}

function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length) throw new Error('PostgreSQL is not installed (run dev/n8n/queue/install-services.sh)');
	return { dir: path.join(root, versions[0], 'bin'), version: versions[0] };
}

/** PostgreSQL refuses to run as root: as root, commands run as the `postgres` user. */
function asDbUser(bin, args) {
	if (process.getuid && process.getuid() === 0) {
		return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', bin, ...args]];
	}
	return [bin, args];
}

function run(bin, args, opts = {}) {
	const [cmd, argv] = asDbUser(bin, args);
	return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }).toString();
}

async function waitFor(check, { timeoutMs, what, proc }) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		if (proc && proc.exited) throw new Error(`${what} exited (${proc.exitCode}):\n${proc.output.slice(-3000)}`);
		try {
			if (await check()) return;
		} catch (error) {
			lastError = error;
		}
		await sleep(200);
	}
	throw new Error(`${what} not ready within ${timeoutMs} ms: ${lastError ? lastError.message : ''}\n${proc ? proc.output.slice(-3000) : ''}`);
}

/**
 * A private PostgreSQL: initdb into a temp dir (trust auth, 127.0.0.1 only, no fsync: test data),
 * then `postgres` in the foreground; database `n8n`, user `n8n`.
 * Resolves { host, port, user, password, database, version, dataDir, proc, stop() }.
 */
async function startPostgres({ log = () => {} } = {}) {
	const { dir: bin, version } = postgresBinDir();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-pg-'));
	const isRoot = process.getuid && process.getuid() === 0;
	if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
	fs.chmodSync(dataDir, 0o700);
	const port = await freePort();
	log(`PostgreSQL ${version}: initdb in ${dataDir}`);
	run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	const [cmd, argv] = asDbUser(path.join(bin, 'postgres'), [
		'-D', dataDir,
		'-p', String(port),
		'-c', `listen_addresses=${HOST}`,
		'-c', `unix_socket_directories=${dataDir}`,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	]);
	const logFile = `${dataDir}.log`;
	const proc = startProcess('postgres', cmd, argv, { env: { ...process.env, LC_ALL: 'C' }, logFile });
	const db = { host: HOST, port, user: 'n8n', password: '', database: 'n8n', version, dataDir, proc };
	db.stop = async () => {
		if (!proc.exited) {
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', '-t', '20', 'stop']);
			} catch {
				/* proc.stop() below kills the group */
			}
		}
		await proc.stop(5000);
		fs.rmSync(dataDir, { recursive: true, force: true });
		fs.rmSync(logFile, { force: true });
	};
	try {
		await waitFor(
			async () => {
				run(path.join(bin, 'pg_isready'), ['-h', HOST, '-p', String(port), '-U', 'n8n', '-d', 'postgres']);
				return true;
			},
			{ timeoutMs: 30_000, what: 'PostgreSQL', proc },
		);
		run(path.join(bin, 'createdb'), ['-h', HOST, '-p', String(port), '-U', 'n8n', 'n8n']);
		log(`PostgreSQL ${version} on ${HOST}:${port}`);
		return db;
	} catch (error) {
		await db.stop().catch(() => {});
		throw error;
	}
}

function redisPing(port) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: HOST, port });
		let data = '';
		socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			data += d;
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.startsWith('+PONG'));
			}
		});
		socket.on('error', reject);
	});
}

/** A private Redis without persistence on 127.0.0.1. Resolves { host, port, version, proc, stop() }. */
async function startRedis({ log = () => {} } = {}) {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	const version = (execFileSync('redis-server', ['--version']).toString().match(/v=(\S+)/) || [])[1] || '?';
	const proc = startProcess('redis', 'redis-server', [
		'--bind', HOST,
		'--port', String(port),
		'--protected-mode', 'yes',
		'--save', '',
		'--appendonly', 'no',
		'--dir', dir,
		'--daemonize', 'no',
	], { env: process.env, cwd: dir });
	const redis = { host: HOST, port, version, proc };
	redis.stop = async () => {
		await proc.stop(5000);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor(() => redisPing(port), { timeoutMs: 20_000, what: 'Redis', proc });
		log(`Redis ${version} on ${HOST}:${port}`);
		return redis;
	} catch (error) {
		await redis.stop().catch(() => {});
		throw error;
	}
}

module.exports = { ensureServices, startPostgres, startRedis, postgresBinDir };
