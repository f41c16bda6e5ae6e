/** Node tests load the package from dist: `npm test` builds first, and a stale dist stops the run. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	testTimeout: 30_000,
	globalSetup: '<rootDir>/test/harness/freshBuild.ts',
};
