/**
 * The real-browser check (issue 9): a real n8n 2.41 with the package loaded, its editor driven in
 * headless Chromium (Debian's /usr/bin/chromium) by playwright-core. `npm run test:browser`.
 * One n8n, one browser, one test file: run in band with long timeouts.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.js'],
	transform: {},
	testTimeout: 600_000,
	maxWorkers: 1,
	globalSetup: '<rootDir>/test/browser/globalSetup.js',
};
