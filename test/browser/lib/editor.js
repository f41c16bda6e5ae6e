'use strict';
/**
 * The n8n 2.41 editor as a person uses it: sign in, open the node panel, search, add a node,
 * pick values in the node's parameters, open a resource locator's "From list".
 * Selectors are n8n's own `data-test-id`s (the ones its Playwright suite uses).
 */
const PACKAGE = 'n8n-nodes-whatsapp-phone-numbers';

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/** A new, empty workflow with the node panel open. */
async function newWorkflowWithNodePanel(page, baseUrl) {
	await page.goto(`${baseUrl}/workflow/new`);
	const plus = page.locator('[data-test-id="node-creator-plus-button"]');
	await plus.waitFor({ timeout: 60_000 });
	// The one-off "Press N to browse nodes" tip covers the panel's corner.
	const tip = page.getByRole('button', { name: 'Got it' });
	if (await tip.isVisible().catch(() => false)) await tip.click();
	await plus.click();
	await page.locator('[data-test-id="node-creator-search-bar"]').waitFor();
}

/** Types `text` into the node panel's search and returns the entry for `nodeType`, if any. */
async function searchNodePanel(page, text, nodeType) {
	const search = page.locator('[data-test-id="node-creator-search-bar"]');
	await search.fill('');
	await search.fill(text);
	const item = page.locator(
		`[data-test-id="node-creator"] [data-test-id="item-iterator-item"][data-keyboard-nav-type="node"][data-keyboard-nav-id^="${nodeType}-"]`,
	);
	try {
		await item.first().waitFor({ timeout: 10_000 });
	} catch {
		return null;
	}
	return item.first();
}

/** Names of the nodes the panel lists for the current search (for failure messages). */
async function nodePanelEntries(page) {
	return await page
		.locator(
			'[data-test-id="node-creator"] [data-test-id="item-iterator-item"] [data-test-id="node-creator-item-name"]',
		)
		.allTextContents();
}

/** { src, complete, naturalWidth } of every image of this package inside `root`. */
async function packageIcons(root) {
	return await root
		.locator(`img[src*="/icons/${PACKAGE}/"]`)
		.evaluateAll((imgs) =>
			imgs.map((img) => ({ src: img.getAttribute('src'), complete: img.complete, naturalWidth: img.naturalWidth })),
		);
}

/** Waits until every package icon inside `root` has finished loading, then returns them. */
async function loadedIcons(root) {
	const page = root.page ? root.page() : root;
	const deadline = Date.now() + 10_000;
	let icons = await packageIcons(root);
	while (Date.now() < deadline && (icons.length === 0 || icons.some((i) => !i.complete))) {
		await page.waitForTimeout(200);
		icons = await packageIcons(root);
	}
	return icons;
}

/**
 * Clicks the node's panel entry. An action node opens its list of actions: returns their labels
 * and clicks the first one. A node without actions is added at once. Either way the node ends up
 * on the canvas with its details view (NDV) open.
 */
async function addNodeFromPanel(page, item, nodeType) {
	await item.click();
	// A community node without actions first shows its details card with "Add to workflow".
	const addButton = page.locator('[data-test-id="node-creator"]').getByRole('button', { name: 'Add to workflow' });
	const actions = page.locator(
		`[data-test-id="node-creator"] [data-test-id="item-iterator-item"][data-keyboard-nav-type="action"][data-keyboard-nav-id^="${nodeType}-"]`,
	);
	const ndv = page.locator('[data-test-id="ndv"]');
	await Promise.any([
		actions.first().waitFor({ timeout: 30_000 }),
		ndv.waitFor({ timeout: 30_000 }),
		addButton.waitFor({ timeout: 30_000 }),
	]).catch(() => {
		throw new Error(
			`${nodeType}: clicking its panel entry showed neither its actions, nor "Add to workflow", nor the node`,
		);
	});
	let actionLabels = [];
	if (!(await ndv.isVisible()) && (await addButton.isVisible())) {
		await addButton.click();
	} else if (!(await ndv.isVisible()) && (await actions.count()) > 0) {
		actionLabels = (await actions.allTextContents()).map((t) => t.trim());
		await actions.first().click();
	}
	await ndv.waitFor({ timeout: 30_000 });
	await page.locator('[data-test-id="node-parameters"]').waitFor();
	return { actionLabels };
}

/** Picks `optionName` in the options parameter `name` (the operation dropdown, for instance). */
async function chooseOption(page, name, optionName) {
	const input = page.locator(`[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`).first();
	await input.click();
	const item = page
		.locator('.el-select-dropdown__item:visible')
		.filter({ has: page.locator('.option-headline', { hasText: exactly(optionName) }) });
	await item.first().click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 5_000 })
		.catch(() => {});
	// The chosen value is shown in the input.
	await page.waitForFunction(
		({ sel, want }) => {
			const el = document.querySelector(sel);
			const inputEl = el && el.querySelector('input');
			const shown = (inputEl && inputEl.value) || (el && el.textContent) || '';
			return shown.trim() === want;
		},
		{ sel: `[data-test-id="node-parameters"] [data-test-id="parameter-input-${name}"]`, want: optionName },
		{ timeout: 10_000 },
	);
}

/**
 * Which of `fields` ({name, displayName, type}) the parameters panel does not show.
 * A notice is found by its text, anything else by its label (`<label for=name>` holding displayName).
 */
async function missingFields(page, fields) {
	const params = page.locator('[data-test-id="node-parameters"]');
	const missing = [];
	for (const field of fields) {
		let locator;
		if (field.type === 'notice') {
			locator = params.locator('.notice').filter({ hasText: field.displayName.slice(0, 60) });
		} else {
			locator = params.locator(`label[for="${field.name}"]`).filter({ hasText: field.displayName });
		}
		try {
			await locator.first().waitFor({ state: 'visible', timeout: 5_000 });
		} catch {
			missing.push(`${field.name} (${field.type}: "${field.displayName.slice(0, 60)}")`);
		}
	}
	return missing;
}

/** Opens the resource locator `name` in "From list" mode and returns the entries it shows. */
async function openList(page, name) {
	const rlc = page.locator(`[data-test-id="node-parameters"] [data-test-id="resource-locator-${name}"]`).first();
	const mode = rlc.locator('[data-test-id="rlc-mode-selector"]');
	const modeInput = mode.locator('input');
	const currentMode = (await modeInput.count()) ? await modeInput.inputValue() : await mode.textContent();
	if (!/list/i.test(currentMode || '')) {
		await mode.click();
		await page.locator('[data-test-id="mode-list"]:visible').click();
	}
	await rlc.locator('[data-test-id="rlc-input"]').click();
	return await listEntries(page);
}

/** The entries of the open list, once it has finished loading. */
async function listEntries(page, { atLeast = 1, timeout = 20_000 } = {}) {
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	try {
		await page.waitForFunction(
			(n) =>
				[...document.querySelectorAll('[data-test-id="rlc-item"]')].filter((e) => e.offsetParent !== null).length >= n,
			atLeast,
			{ timeout },
		);
	} catch {
		/* return what is there; the caller's assertion reports it */
	}
	await page.waitForTimeout(300);
	return (await items.allTextContents()).map((t) => t.trim());
}

/** Types into the open list's search box and returns the entries left. */
async function searchList(page, text) {
	const search = page.locator('[data-test-id="rlc-search"]:visible');
	const input = (await search.locator('input').count()) ? search.locator('input').first() : search.first();
	await input.fill(text);
	await page.waitForTimeout(1_200); // the editor debounces the search before asking the server
	return await listEntries(page);
}

/** Clicks the entry of the open list whose text contains `text`. */
async function pickListEntry(page, text) {
	await page.locator('[data-test-id="rlc-item"]:visible').filter({ hasText: text }).first().click();
	await page
		.locator('[data-test-id="rlc-item"]:visible')
		.first()
		.waitFor({ state: 'hidden', timeout: 5_000 })
		.catch(() => {});
}

async function closeNdv(page) {
	await page.locator('[data-test-id="ndv-close-button"]').click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'hidden', timeout: 10_000 });
}

module.exports = {
	PACKAGE,
	signIn,
	newWorkflowWithNodePanel,
	searchNodePanel,
	nodePanelEntries,
	packageIcons,
	loadedIcons,
	addNodeFromPanel,
	chooseOption,
	missingFields,
	openList,
	listEntries,
	searchList,
	pickListEntry,
	closeNdv,
};
