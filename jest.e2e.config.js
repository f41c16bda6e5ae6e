/**
 * End-to-end tests: a real n8n 2.41 server (cached outside the clone by e2e/install-n8n.sh)
 * with the built package loaded, against the local Graph sandbox. `npm run test:e2e`.
 * One file at a time: each starts its own n8n and sandbox on free 127.0.0.1 ports.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	transform: {},
	testTimeout: 300_000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
};
