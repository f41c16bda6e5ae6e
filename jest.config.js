/**
 * One Jest configuration, four projects:
 * - unit: node, credential, sandbox and harness tests; nodes load from `dist` (`npm test` builds
 *   first, and a stale `dist` stops the run);
 * - e2e: a real n8n 2.41 (cached outside the clone by dev/n8n/install-n8n.sh) with the package
 *   loaded, against the local Graph sandbox;
 * - e2e-queue: the same in queue mode (Redis, PostgreSQL, main, worker, two webhook processes);
 * - browser: the nodes in the real n8n editor, in headless Chromium.
 * The package.json scripts pick a project with --selectProjects; the real-n8n projects run in band
 * (each file starts its own n8n on free 127.0.0.1 ports).
 */
const realN8n = (name, { match, timeout }) => ({
	displayName: name,
	testEnvironment: 'node',
	roots: [`<rootDir>/test/${name}`],
	testMatch: [match],
	transform: {},
	globalSetup: `<rootDir>/test/${name}/globalSetup.js`,
	setupFilesAfterEnv: [`<rootDir>/test/harness/timeout-${timeout}.js`],
});

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			roots: ['<rootDir>/test'],
			testMatch: ['**/*.test.ts'],
			transform: {
				'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
			},
			globalSetup: '<rootDir>/test/harness/freshBuild.ts',
			setupFilesAfterEnv: ['<rootDir>/test/harness/timeout-30s.js', '<rootDir>/test/harness/quietLogs.ts'],
		},
		realN8n('e2e', { match: '**/*.e2e.test.js', timeout: '300s' }),
		realN8n('e2e-queue', { match: '**/*.e2e.test.js', timeout: '600s' }),
		realN8n('browser', { match: '**/*.browser.test.js', timeout: '600s' }),
	],
};
