'use strict';
/**
 * The nodes in a real browser: a real n8n 2.41 with this package installed as a community
 * package (dev/n8n/lib/harness.js: Graph sandbox + n8n + owner + credential), its editor in headless
 * Debian Chromium driven by playwright-core. For each node of the package: find it in the node panel
 * by its display name and by an alias from its codex, add it to a canvas, open it, go through its
 * operations checking the fields the editor shows, open resource locators' "From list" and check
 * the sandbox's entries appear, and save a screenshot to .e2e/screenshots/<node>.png.
 * Fails on a missing node, an icon that does not load, or a browser console error raised by this
 * package. `npm run test:browser`; see "The browser check" in CONTRIBUTING.md.
 */
const fs = require('node:fs');
const path = require('node:path');

const { repoRoot } = require('../../dev/n8n/lib/install');
const { startStack } = require('../../dev/n8n/lib/harness');
const { freePort } = require('../../dev/n8n/lib/n8n');

const { launchBrowser } = require('./lib/browser');
const { expectedFields, operationsOf } = require('./lib/fields');
const ed = require('./lib/editor');
const { phoneNumberAsWritten } = require('../../dist/nodes/shared/phoneNumberText');

const PACKAGE = ed.PACKAGE;
// Each run writes to .e2e/screenshots (ignored by git); the copies the documentation shows, in
// docs/images, are replaced only on purpose, by `npm run screenshots` after a run.
const SCREENSHOTS = path.join(repoRoot, '.e2e', 'screenshots');
const CREDENTIAL_NAME = 'WhatsApp Business Management (sandbox)';

/** What "raised by this package" means in the console: it names the package, its nodes or its domain. */
const OURS = /n8n-nodes-whatsapp-phone-numbers|whats ?app|\bwaba\b|pre-?verified|graph api|graph\.facebook/i;

let stack;
let browser;
let page;
/** Node descriptions as the server hands them to the editor, by short name. */
const served = {};
const log = (...args) => process.stdout.write(`[browser] ${args.join(' ')}\n`);

function codexAliases(nodeName) {
	const dir = nodeName[0].toUpperCase() + nodeName.slice(1);
	const file = path.join(repoRoot, 'nodes', dir, `${dir}.node.json`);
	return JSON.parse(fs.readFileSync(file, 'utf8')).alias || [];
}

function sandboxState() {
	return stack.sandbox.state;
}

const wabaNamed = (name) => sandboxState().wabas.find((w) => w.name === name);
/** The WABAs of the token's business portfolios; another Solution Partner's (migration source) is not listed. */
const visibleWabas = () => {
	const businesses = new Set(sandboxState().businesses.map((b) => b.id));
	return sandboxState().wabas.filter((w) => businesses.has(w.business_id));
};
const phonesOf = (wabaId) => sandboxState().phoneNumbers.filter((p) => p.waba_id === wabaId);

/** Every `wanted` text appears in some entry. */
function expectEntries(entries, wanted, what) {
	const absent = wanted.filter((w) => !entries.some((e) => e.includes(w)));
	if (absent.length)
		throw new Error(`${what}: "From list" lacks ${JSON.stringify(absent)}; it showed ${JSON.stringify(entries)}`);
}

/**
 * Opens the WABA list (checking every WABA of the sandbox is offered and that typing filters it),
 * picks `wabaName`, then opens the phone-number list and checks it shows exactly that WABA's numbers.
 */
async function checkWabaThenPhoneNumbers(wabaName, pickPhone) {
	const wabaEntries = await ed.openList(page, 'wabaId');
	expectEntries(
		wabaEntries,
		visibleWabas().map((w) => w.name),
		'WhatsApp Business Account',
	);
	const filtered = await ed.searchList(page, 'Jasper');
	if (!filtered.length || filtered.some((e) => !e.includes('Jasper'))) {
		throw new Error(
			`typing "Jasper" in the WABA list should leave only Jasper's Market; it showed ${JSON.stringify(filtered)}`,
		);
	}
	await ed.searchList(page, '');
	await ed.pickListEntry(page, wabaName);
	const waba = wabaNamed(wabaName);
	const phones = phonesOf(waba.id);
	const entries = await ed.openList(page, 'phoneNumberId');
	expectEntries(
		entries,
		phones.map((p) => p.display_phone_number),
		`phone numbers of ${wabaName}`,
	);
	expectEntries(
		entries,
		phones.map((p) => p.verified_name),
		`phone numbers of ${wabaName}`,
	);
	const others = sandboxState().phoneNumbers.filter((p) => p.waba_id !== waba.id);
	const strays = entries.filter((e) => others.some((o) => e.includes(o.display_phone_number)));
	if (strays.length)
		throw new Error(`the phone-number list of ${wabaName} shows other WABAs' numbers: ${JSON.stringify(strays)}`);
	if (entries.length !== phones.length)
		throw new Error(`expected ${phones.length} numbers of ${wabaName}, got ${JSON.stringify(entries)}`);
	await ed.pickListEntry(page, pickPhone);
	return { wabaEntries, phoneEntries: entries };
}

/** Business list: every portfolio of the sandbox is offered; picks the first. */
async function checkBusinesses() {
	const businesses = sandboxState().businesses;
	const businessEntries = await ed.openList(page, 'businessId');
	expectEntries(
		businessEntries,
		businesses.map((b) => b.name),
		'Business Portfolio',
	);
	await ed.pickListEntry(page, businesses[0].name);
	return { businesses, businessEntries };
}

/** Business list → pick the portfolio → the pre-verified pool list (and typing digits filters it). */
async function checkBusinessThenPool(pickDigits) {
	const { businesses, businessEntries } = await checkBusinesses();
	const pool = sandboxState().preVerifiedNumbers.filter((p) => p.business_id === businesses[0].id);
	const poolEntries = await ed.openList(page, 'preVerifiedNumberId');
	// As people write them (+1 211-555-5105), each with its state and what comes next.
	expectEntries(
		poolEntries,
		pool.map((p) => `${phoneNumberAsWritten(p.phone_number)} — `),
		'pre-verified pool',
	);
	if (poolEntries.length !== pool.length)
		throw new Error(`expected ${pool.length} pool entries, got ${JSON.stringify(poolEntries)}`);
	const filtered = await ed.searchList(page, pickDigits);
	if (filtered.length !== 1 || !filtered[0].replace(/\D/g, '').includes(pickDigits)) {
		throw new Error(
			`typing "${pickDigits}" in the pool list should leave one entry; it showed ${JSON.stringify(filtered)}`,
		);
	}
	await ed.pickListEntry(page, phoneNumberAsWritten(pickDigits));
	return { businessEntries, poolEntries };
}

/** Sets a boolean parameter (n8n's switch) to `value`. */
async function setBoolean(name, value) {
	const input = page.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`).first();
	const sw = input.locator('.el-switch').first();
	const isOn = async () => /is-checked/.test((await sw.getAttribute('class')) || '');
	if ((await isOn()) !== value) await sw.click();
	await page.waitForFunction(
		({ sel, want }) => /is-checked/.test(document.querySelector(sel)?.className || '') === want,
		{ sel: `[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"] .el-switch`, want: value },
	);
}

/**
 * The package's nodes. `alias` must be in the node's codex; `variants` are the parameter values to go
 * through besides each operation; `lists` checks the resource locators and leaves the node in the
 * state the screenshot shows (`screenshotOperation`).
 */
const NODES = [
	{
		name: 'whatsAppPhoneNumbers',
		alias: 'register number',
		screenshotOperation: 'register',
		lists: () => checkWabaThenPhoneNumbers('Acme Support', 'Acme Billing'),
	},
	{
		name: 'whatsAppPreVerifiedNumbers',
		alias: 'pre-verified',
		screenshotOperation: 'requestCode',
		lists: () => checkBusinessThenPool('12115555105'),
	},
	{
		name: 'whatsAppVerification',
		alias: 'OTP',
		variants: [{ numberType: 'phoneNumber' }, { numberType: 'preVerifiedNumber' }],
		screenshotOperation: 'requestCode',
		lists: async () => {
			await ed.chooseOption(page, 'numberType', optionName('whatsAppVerification', 'numberType', 'phoneNumber'));
			const phones = await checkWabaThenPhoneNumbers('Acme Support', 'Acme Returns');
			await ed.chooseOption(page, 'numberType', optionName('whatsAppVerification', 'numberType', 'preVerifiedNumber'));
			const pool = await checkBusinessThenPool('12115555107');
			return { ...phones, ...pool };
		},
	},
	{
		name: 'whatsAppSettings',
		alias: 'two-step',
		screenshotOperation: 'setTwoStepPin',
		lists: () => checkWabaThenPhoneNumbers("Jasper's Market", "Jasper's Ice Cream"),
	},
	{
		name: 'whatsAppBusinessProfile',
		alias: 'ice breakers',
		screenshotOperation: 'updateProfile',
		lists: () => checkWabaThenPhoneNumbers('Acme Support', 'Acme Sales'),
	},
	{
		name: 'whatsAppBusinessAccounts',
		alias: 'WhatsApp Business Account',
		screenshotOperation: 'getAll',
		lists: async () => {
			const { businessEntries } = await checkBusinesses();
			return { businessEntries };
		},
	},
	{
		name: 'whatsAppQrCodes',
		alias: 'QR code',
		screenshotOperation: 'get',
		lists: async () => {
			const phones = await checkWabaThenPhoneNumbers("Jasper's Market", "Jasper's Ice Cream");
			const code = await createQrCode("Jasper's Ice Cream", 'Ice cream flavours today?');
			const qrEntries = await ed.openList(page, 'qrCode');
			expectEntries(qrEntries, [`${code} — Ice cream flavours today?`], 'QR codes');
			await ed.pickListEntry(page, code);
			return { ...phones, qrEntries };
		},
	},
	{
		name: 'whatsAppPhoneNumberTrigger',
		alias: 'WABA',
		variants: [{ manageSubscription: false }, { manageSubscription: true }, { manageSubscription: true, subscriptionScope: 'override' }],
		// Shown in override mode (the last variant): a WABA list and a phone-number list, each entry "From List".
		lists: async () => {
			await addCollectionEntry('Add WABA');
			const wabaEntries = await ed.openList(page, 'wabaId');
			expectEntries(wabaEntries, visibleWabas().map((w) => w.name), 'WhatsApp Business Accounts');
			await ed.pickListEntry(page, visibleWabas()[0].name);
			await addCollectionEntry('Add Phone Number');
			const phoneEntries = await ed.openList(page, 'phoneNumberId');
			const visiblePhones = visibleWabas().flatMap((w) => phonesOf(w.id));
			expectEntries(phoneEntries, visiblePhones.map((p) => p.display_phone_number), 'phone numbers of every visible WABA');
			return { wabaEntries, phoneEntries };
		},
	},
];

/** A QR code made through the sandbox's Graph API for the number named `verifiedName`; its code. */
async function createQrCode(verifiedName, prefilledMessage) {
	const phone = sandboxState().phoneNumbers.find((p) => p.verified_name === verifiedName);
	const response = await fetch(`${stack.sandbox.graphUrl}/${phone.id}/message_qrdls`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${stack.sandbox.credentials.accessToken}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ prefilled_message: prefilledMessage }),
	});
	return (await response.json()).code;
}

/** Adds an entry to a fixedCollection list by its button ("Add WABA"). */
async function addCollectionEntry(label) {
	await page.locator('[data-test-id="node-parameters"]').getByRole('button', { name: label }).first().click();
	await page.waitForTimeout(500);
}

function optionName(nodeName, param, value) {
	const p = served[nodeName].properties.find((x) => x.name === param && x.options);
	const o = p && p.options.find((x) => x.value === value);
	if (!o) throw new Error(`${nodeName}.${param} has no option ${value}`);
	return o.name;
}

/** Applies one variant ({param: value}) in the open NDV. */
async function applyVariant(nodeName, variant) {
	for (const [param, value] of Object.entries(variant)) {
		if (typeof value === 'boolean') await setBoolean(param, value);
		else await ed.chooseOption(page, param, optionName(nodeName, param, value));
	}
}

/** Console errors, page errors, failed icon loads and list-search HTTP errors of this package. */
function packageProblems(events, from) {
	const blocked = new Set(events.blocked);
	const problems = [];
	for (const c of events.console.slice(from.console)) {
		if (c.type !== 'error') continue;
		if (blocked.has(c.url)) continue; // a request this check blocked from leaving the machine
		if (OURS.test(c.text) || OURS.test(c.url)) problems.push(`console error: ${c.text} (${c.url})`);
	}
	for (const e of events.pageErrors.slice(from.pageErrors)) {
		if (OURS.test(e.text) || OURS.test(e.stack)) problems.push(`page error: ${e.text}\n${e.stack}`);
	}
	for (const r of events.failedRequests.slice(from.failedRequests)) {
		if (blocked.has(r.url)) continue;
		if (r.url.includes(`/icons/${PACKAGE}/`) || r.url.includes('/rest/dynamic-node-parameters/')) {
			problems.push(`request failed: ${r.url} ${r.error}`);
		}
	}
	for (const h of events.httpErrors.slice(from.httpErrors)) {
		if (
			h.url.includes(`/icons/${PACKAGE}/`) ||
			h.url.includes('/rest/dynamic-node-parameters/') ||
			h.url.includes('/types/')
		) {
			problems.push(`HTTP ${h.status}: ${h.method} ${h.url}`);
		}
	}
	for (const i of events.icons.slice(from.icons)) {
		if (i.url.includes(`/icons/${PACKAGE}/`) && (i.status !== 200 || !/svg|png/.test(i.type))) {
			problems.push(`icon ${i.url}: HTTP ${i.status} ${i.type}`);
		}
	}
	return problems;
}

const mark = (events) => Object.fromEntries(Object.entries(events).map(([k, v]) => [k, v.length]));

function expectIconsLoaded(icons, where) {
	if (!icons.length) throw new Error(`${where}: no icon of this package is shown`);
	const broken = icons.filter((i) => !i.complete || !(i.naturalWidth > 0));
	if (broken.length) throw new Error(`${where}: icons did not load: ${JSON.stringify(broken)}`);
}

beforeAll(async () => {
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const started = Date.now();
	stack = await startStack({
		only: [],
		// Its own task-broker port, so the check can run beside another n8n on this machine.
		n8nEnv: { N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		log: (m) => log(m),
	});
	log(`n8n ${stack.n8n.url} ready in ${Math.round((Date.now() - started) / 1000)} s; sandbox ${stack.sandbox.url}`);
	const types = await stack.client.nodeTypes();
	for (const t of types) {
		if (t.name.startsWith(`${PACKAGE}.`)) served[t.name.slice(PACKAGE.length + 1)] = t;
	}
	browser = await launchBrowser({ allowedOrigins: [stack.n8n.url] });
	page = browser.page;
	page.setDefaultTimeout(30_000);
	await ed.signIn(page, stack.n8n.url, stack.owner);
}, 600_000);

afterAll(async () => {
	if (browser) {
		const e = browser.events;
		const ignored = e.console.filter((c) => c.type === 'error').map((c) => `${c.text} ${c.url}`);
		log(
			`blocked ${e.blocked.length} request(s) leaving the machine: ${[...new Set(e.blocked.map((u) => new URL(u).origin + new URL(u).pathname))].join(', ') || 'none'}`,
		);
		log(`console errors seen (not raised by this package unless a test failed on them): ${ignored.length}`);
		for (const line of [...new Set(ignored)].slice(0, 20)) log(`  ${line.slice(0, 240)}`);
		await browser.close();
	}
	if (stack) await stack.stop();
});

test('the server hands the editor every node of the package', () => {
	expect(
		Object.keys(served)
			.filter((n) => !n.endsWith('Tool'))
			.sort(),
	).toEqual(NODES.map((n) => n.name).sort());
});

describe.each(NODES.map((n) => [n.name, n]))('%s in the editor', (nodeName, spec) => {
	test('found by name and alias, added, operations and fields, lists from the sandbox, screenshot', async () => {
		const description = served[nodeName];
		expect(description).toBeDefined();
		const type = `${PACKAGE}.${nodeName}`;
		const from = mark(browser.events);
		const failures = [];
		try {
			await checkNode(nodeName, spec, description, type, failures);
		} catch (error) {
			// For the person reading a failed run: what the browser showed (not committed: .gitignore).
			fs.mkdirSync(path.join(SCREENSHOTS, 'failed'), { recursive: true });
			await page.screenshot({ path: path.join(SCREENSHOTS, 'failed', `${nodeName}.png`) }).catch(() => {});
			throw error;
		}
		failures.push(...packageProblems(browser.events, from));
		expect(failures).toEqual([]);
	});
});

/** Steps 1–5 for one node; field differences go to `failures`, anything else throws. */
async function checkNode(nodeName, spec, description, type, failures) {
	// 1. The node panel: by display name, then by an alias of the codex.
	await ed.newWorkflowWithNodePanel(page, stack.n8n.url);
	const byName = await ed.searchNodePanel(page, description.displayName, type);
	if (!byName)
		throw new Error(
			`"${description.displayName}" not in the node panel; it listed ${JSON.stringify(await ed.nodePanelEntries(page))}`,
		);
	expectIconsLoaded(await ed.loadedIcons(byName), `node panel entry of ${description.displayName}`);
	expect(codexAliases(nodeName)).toContain(spec.alias);
	expect(description.codex && description.codex.alias).toContain(spec.alias);
	const byAlias = await ed.searchNodePanel(page, spec.alias, type);
	if (!byAlias)
		throw new Error(
			`alias "${spec.alias}" does not find ${description.displayName}; it listed ${JSON.stringify(await ed.nodePanelEntries(page))}`,
		);

	// 2. Add it to the canvas; an action node lists its actions (the `action` labels) first.
	const { actionLabels } = await ed.addNodeFromPanel(page, byAlias, type);
	const operations = operationsOf(description);
	if (operations.length) expect(actionLabels).toEqual(operations.map((o) => o.action));

	// 3. The node's details view: icon, credential, every operation's fields.
	const ndv = page.locator('[data-test-id="ndv"]');
	expectIconsLoaded(await ed.loadedIcons(ndv), `details view of ${description.displayName}`);
	const credential = await page
		.locator('[data-test-id="node-credentials-slot"]')
		.first()
		.evaluate((el) => `${el.querySelector('input')?.value || ''} ${el.textContent || ''}`);
	expect(credential).toContain(CREDENTIAL_NAME);

	const variants = spec.variants || [{}];
	const checked = [];
	for (const variant of variants) {
		// Variants are set under the first operation (where every parameter they name is shown).
		if (operations.length) await ed.chooseOption(page, 'operation', operations[0].name);
		await applyVariant(nodeName, variant);
		for (const op of operations.length ? operations : [undefined]) {
			if (op) await ed.chooseOption(page, 'operation', op.name);
			const values = { ...variant, ...(op ? { operation: op.value } : {}) };
			const expected = expectedFields(description, values);
			const missing = await ed.missingFields(page, expected);
			checked.push(`${JSON.stringify(values)}: ${expected.length} fields`);
			if (missing.length) failures.push(`${JSON.stringify(values)}: not shown: ${missing.join(', ')}`);
		}
	}
	log(`${nodeName}: ${checked.length} operation/variant views checked`);

	// 4. Resource locators: "From list" shows what the Graph sandbox serves.
	if (spec.screenshotOperation) {
		await ed.chooseOption(page, 'operation', operations.find((o) => o.value === spec.screenshotOperation).name);
	}
	if (spec.lists) {
		const lists = await spec.lists();
		log(`${nodeName}: lists ${JSON.stringify(lists)}`);
	}
	// Close any open dropdown without leaving the details view (Escape would close it).
	await page.locator('[data-test-id="tab-params"]').click();
	await page
		.locator('[data-test-id="node-parameters"]')
		.evaluate((el) => el.scrollTo?.(0, 0))
		.catch(() => {});
	await page.mouse.move(0, 0);
	await page.waitForTimeout(500);
	if (!(await ndv.isVisible())) throw new Error('the details view closed unexpectedly');
	await page.screenshot({ path: path.join(SCREENSHOTS, `${nodeName}.png`) });

	// 5. On the canvas, with its icon.
	await ed.closeNdv(page);
	const canvasNodes = page
		.locator('[data-test-id="canvas-node"]')
		.filter({ has: page.locator(`img[src*="/icons/${PACKAGE}/"]`) });
	await canvasNodes.first().waitFor();
	expectIconsLoaded(await ed.loadedIcons(canvasNodes.first()), `canvas node of ${description.displayName}`);
}
