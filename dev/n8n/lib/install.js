'use strict';
/**
 * Finds (installing when missing) the cached Node 24 + n8n that e2e tests and `npm start` run,
 * and installs the built package into an n8n user folder the way n8n installs a community package.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const installScript = path.join(repoRoot, 'dev', 'n8n', 'install-n8n.sh');
const packageJson = require(path.join(repoRoot, 'package.json'));
const serverPackageJson = require(path.join(repoRoot, 'dev', 'n8n', 'n8n-server', 'package.json'));

function cacheRoot() {
	return (
		process.env.N8N_E2E_CACHE ||
		path.join(process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache'), packageJson.name)
	);
}

/**
 * Runs dev/n8n/install-n8n.sh (a no-op taking well under a second when the install is there).
 * `onLog` receives the installer's progress lines (stderr).
 * Resolves { nodeBin, nodeExe, n8nDir, n8nMain, n8nVersion }.
 */
function ensureN8n({ onLog = (line) => process.stderr.write(line) } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [installScript], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => onLog(d.toString()));
		child.on('error', reject);
		child.on('exit', (code) => {
			const line = out.split('\n').find((l) => l.startsWith('N8N_E2E_ENV '));
			if (code !== 0 || !line) {
				reject(new Error(`dev/n8n/install-n8n.sh failed (exit ${code})`));
				return;
			}
			const [, nodeBin, n8nDir] = line.trim().split(' ');
			resolve({
				nodeBin,
				nodeExe: path.join(nodeBin, 'node'),
				n8nDir,
				n8nMain: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
				n8nVersion: serverPackageJson.dependencies.n8n,
			});
		});
	});
}

/** Builds the package (tsc + icons) unless `dist` is already newer than every source file. */
function buildPackage({ force = false, log = console.log } = {}) {
	if (!force && isBuildFresh()) return;
	log('building the package (npm run build)');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
}

function newestMtime(dir, filter) {
	let newest = 0;
	if (!fs.existsSync(dir)) return newest;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, filter));
		else if (filter(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
	}
	return newest;
}

function isBuildFresh() {
	const sources = Math.max(
		newestMtime(path.join(repoRoot, 'nodes'), () => true),
		newestMtime(path.join(repoRoot, 'credentials'), () => true),
	);
	const built = newestMtime(path.join(repoRoot, 'dist'), (n) => n.endsWith('.js'));
	return built > 0 && built >= sources;
}

/**
 * Installs the built package into `<userFolder>/.n8n/nodes/node_modules/<name>` exactly as n8n's
 * community-package installer does (npm pack, unpack, drop dev/peer dependencies, record the
 * dependency in nodes/package.json). n8n scans that folder at start-up, so node types are
 * `n8n-nodes-whatsapp-phone-numbers.<name>` as for users, and `n8n-workflow` resolves to n8n's own.
 */
function installPackageInto(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', packageJson.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(nodesDir, '.pack-'));
	try {
		const out = execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, repoRoot],
			{ cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } },
		).toString();
		const [{ filename }] = JSON.parse(out);
		execFileSync('tar', ['-xzf', path.join(packDir, filename), '-C', target, '--strip-components=1']);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
	const pkgFile = path.join(target, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(
		fs.readFileSync(pkgFile, 'utf8'),
	);
	fs.writeFileSync(pkgFile, JSON.stringify(installed, null, 2));
	const nodesPkg = path.join(nodesDir, 'package.json');
	const manifest = fs.existsSync(nodesPkg)
		? JSON.parse(fs.readFileSync(nodesPkg, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [packageJson.name]: installed.version };
	fs.writeFileSync(nodesPkg, JSON.stringify(manifest, null, 2));
	return target;
}

module.exports = { repoRoot, cacheRoot, ensureN8n, buildPackage, isBuildFresh, installPackageInto, packageJson };
