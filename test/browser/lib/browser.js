'use strict';
/**
 * Headless Chromium from Debian's package, driven by playwright-core, kept off the network:
 * Chromium's own background traffic is switched off by flags, and every page request to a host
 * other than the local n8n is aborted (and recorded). Console messages, page errors, failed
 * requests and HTTP errors are recorded for the test to judge.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--disable-dev-shm-usage',
];

/**
 * Starts Chromium with a fresh profile (`--user-data-dir`, which Playwright passes for a persistent
 * context). `allowedOrigins`: the only origins pages may reach. Resolves { context, page, events, close }.
 */
async function launchBrowser({ allowedOrigins, viewport = { width: 1366, height: 820 } }) {
	const { chromium } = require('playwright-core');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-browser-check-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
		serviceWorkers: 'block',
		env: { ...process.env, TZ: 'UTC' },
	});
	const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
	const events = { console: [], pageErrors: [], failedRequests: [], httpErrors: [], blocked: [], icons: [] };

	await context.route('**/*', async (route) => {
		const url = route.request().url();
		let origin;
		try {
			origin = new URL(url).origin;
		} catch {
			origin = '';
		}
		if (allowed.has(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
			await route.continue();
			return;
		}
		events.blocked.push(url);
		await route.abort('blockedbyclient');
	});

	const watched = new WeakSet();
	const watch = (page) => {
		if (watched.has(page)) return;
		watched.add(page);
		// Leaving an unsaved workflow asks "leave this page?": yes.
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
		page.on('console', (msg) => {
			if (msg.type() !== 'error' && msg.type() !== 'warning') return;
			const location = msg.location() || {};
			events.console.push({ type: msg.type(), text: msg.text(), url: location.url || '', at: page.url() });
		});
		page.on('pageerror', (error) => {
			events.pageErrors.push({ text: `${error.name}: ${error.message}`, stack: error.stack || '', at: page.url() });
		});
		page.on('requestfailed', (request) => {
			events.failedRequests.push({ url: request.url(), error: request.failure()?.errorText || '' });
		});
		page.on('response', (response) => {
			const url = response.url();
			if (url.includes('/icons/'))
				events.icons.push({ url, status: response.status(), type: response.headers()['content-type'] || '' });
			if (response.status() >= 400)
				events.httpErrors.push({ url, status: response.status(), method: response.request().method() });
		});
	};
	context.on('page', watch);
	const page = context.pages()[0] || (await context.newPage());
	watch(page);

	return {
		context,
		page,
		events,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { CHROMIUM, CHROMIUM_FLAGS, launchBrowser };
