/**
 * Queue-mode end-to-end tests (`npm run test:e2e:queue`): n8n 2.41 in queue mode (Redis,
 * PostgreSQL, one main, one worker, two webhook processes; e2e/queue/cluster.js) with the built
 * package loaded, against the local Graph sandbox. One file at a time: each starts its own cluster.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.e2e.test.js'],
	transform: {},
	testTimeout: 600_000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/e2e-queue/globalSetup.js',
};
