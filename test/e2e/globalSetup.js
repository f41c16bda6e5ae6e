'use strict';
/** Installs the cached n8n once (minutes the first time, under a second after), before any test file. */
const { ensureN8n, buildPackage } = require('../../dev/n8n/lib/install');

module.exports = async () => {
	buildPackage({ log: (m) => process.stderr.write(`[e2e] ${m}\n`) });
	await ensureN8n({ onLog: (line) => process.stderr.write(line) });
};
