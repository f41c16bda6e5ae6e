'use strict';
/** Builds the package, installs Redis/PostgreSQL when missing, and the cached n8n, before any file. */
const { ensureN8n, buildPackage } = require('../../dev/n8n/lib/install');
const { ensureServices } = require('../../dev/n8n/queue/services');

module.exports = async () => {
	buildPackage({ log: (m) => process.stderr.write(`[e2e-queue] ${m}\n`) });
	ensureServices();
	await ensureN8n({ onLog: (line) => process.stderr.write(line) });
};
