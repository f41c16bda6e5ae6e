'use strict';
/**
 * `npm run screenshots`: copies the browser check's screenshots of its last run
 * (`.e2e/screenshots/`, written by `npm run test:browser`) over the ones the documentation shows
 * (`docs/images/`). Screenshots change only when someone runs this on purpose, after looking at
 * the new ones; a test run never touches the checkout. Stops without copying anything when a
 * picture is missing, so the documentation never mixes two runs.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const from = path.join(root, '.e2e', 'screenshots');
const to = path.join(root, 'docs', 'images');

/** The pictures the documentation shows: one per node of package.json, and the fleet report. */
function pictures() {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const nodes = n8n.nodes.map((file) => {
		const name = path.basename(file, '.node.js');
		return `${name[0].toLowerCase()}${name.slice(1)}.png`;
	});
	return [...nodes, 'fleet-report.png'];
}

const wanted = pictures();
const missing = wanted.filter((file) => !fs.existsSync(path.join(from, file)));
if (missing.length) {
	console.error(
		`Not in ${path.relative(root, from)}: ${missing.join(', ')}. Run "bash test/browser/install-chromium.sh" and "npm run test:browser" first; nothing was copied.`,
	);
	process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const file of wanted) {
	fs.copyFileSync(path.join(from, file), path.join(to, file));
	const taken = fs.statSync(path.join(from, file)).mtime.toISOString();
	console.log(`docs/images/${file}  (taken ${taken})`);
}
