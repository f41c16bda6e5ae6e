'use strict';
/**
 * Before the browser check: the package is built, the cached n8n is installed (dev/n8n/install-n8n.sh),
 * and Debian's Chromium is there (test/browser/install-chromium.sh installs it).
 */
const fs = require('node:fs');

const { ensureN8n, buildPackage } = require('../../dev/n8n/lib/install');
const { CHROMIUM } = require('./lib/browser');

module.exports = async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: run \`bash test/browser/install-chromium.sh\` (apt-get install chromium)`);
	}
	try {
		require.resolve('playwright-core');
	} catch {
		throw new Error('playwright-core is not installed: run `npm ci` (it is a devDependency)');
	}
	buildPackage({ log: (m) => process.stderr.write(`[browser] ${m}\n`) });
	await ensureN8n({ onLog: (line) => process.stderr.write(line) });
};
