#!/usr/bin/env node
/**
 * n8n's own verification scan (`@n8n/scan-community-package`), run on this checkout: the
 * tarball `npm pack` makes (as n8n scans a published package) and the source (as n8n scans the
 * repository a provenance statement points to). The scanner's CLI only fetches published
 * packages, so its exported analysis runs on local folders here. Exit 1 on any violation.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));

try {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	execFileSync('tar', ['xzf', path.join(work, filename), '-C', work]);
	const results = [
		['tarball', filename, await analyzePackage(path.join(work, 'package'))],
		['source', root, await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	let failed = false;
	for (const [what, where, result] of results) {
		console.log(`${result.passed ? 'passed' : 'FAILED'}: n8n's community package scan of the ${what} (${where})`);
		if (!result.passed) {
			failed = true;
			console.log(result.message);
			if (result.details) console.log(result.details);
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
