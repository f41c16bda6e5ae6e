'use strict';
/**
 * The fleet report as people see it: examples/fleet-report.json in a real n8n against the
 * sandbox's 25-WABA world, its page opened in headless Chromium. The figures the browser renders
 * are checked against the world, the page loads nothing but itself, and a screenshot goes to
 * .e2e/screenshots/fleet-report.png (`npm run screenshots` copies it to the one the README shows).
 */
const fs = require('node:fs');
const path = require('node:path');

const { startStack } = require('../../dev/n8n/lib/harness');
const { expectedFleetReport } = require('../../dev/n8n/lib/fleet-checks');
const { generateFleet } = require('../../dev/sandbox/fixtures/fleet');

const { launchBrowser } = require('./lib/browser');

const SCREENSHOTS = path.join(__dirname, '..', '..', '.e2e', 'screenshots');
const REVOKED_WABA = '600000000000025';

let stack;
let browser;

beforeAll(async () => {
	stack = await startStack({ only: ['fleet'], sandboxOptions: { fixture: generateFleet({ revokedWabas: [25] }) } });
	await stack.client.activateWorkflow(stack.workflows.fleet.id);
	browser = await launchBrowser({ allowedOrigins: [stack.n8n.url], viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
	if (browser) await browser.close();
	if (stack) await stack.stop();
});

test('the report page renders the world’s figures (throughput, platform, coexistence, portfolios and their messaging limits among them), loads nothing else, and is saved as a screenshot', async () => {
	const { page, events } = browser;
	const requested = [];
	page.on('request', (request) => requested.push(request.url()));
	const reportUrl = `${stack.n8n.url}/webhook/fleet-report`;

	const response = await page.goto(reportUrl, { waitUntil: 'load' });
	const expected = expectedFleetReport(stack.sandbox.state, { revokedWabaIds: [REVOKED_WABA] });

	expect(response.status()).toBe(200);
	// What the browser shows, read from the rendered page rather than the HTML text.
	const shown = await page.evaluate(() => {
		const figures = { status: {}, quality: {}, health: {}, reason: {}, preVerified: {}, throughput: {}, platform: {}, coexistence: {}, messagingLimit: {} };
		for (const cell of document.querySelectorAll('[data-metric]')) {
			const [group, name] = cell.dataset.metric.split(/\.(.*)/s);
			const value = Number(cell.textContent);
			if (name === undefined) figures[group] = value;
			else figures[group][name] = value;
		}
		const bars = [...document.querySelectorAll('#expiry-chart rect')];
		return {
			figures,
			bars: bars.map((bar) => ({ count: Number(bar.dataset.count), height: bar.getBoundingClientRect().height })),
			actionRows: document.querySelectorAll('#actions tbody tr').length,
			actionColumns: [...document.querySelectorAll('#actions thead th')].map((cell) => cell.textContent),
			portfolioRows: [...document.querySelectorAll('#portfolios tbody tr')].map((row) => {
				const [, limit, wabas, numbers] = [...row.cells].map((cell) => cell.textContent);
				return { portfolioId: row.dataset.portfolio, messagingLimit: limit, wabas: Number(wabas), numbers: Number(numbers) };
			}),
			title: document.title,
		};
	});

	expect(shown.title).toBe('WhatsApp fleet report');
	expect(shown.figures).toEqual({
		wabas: expected.wabas,
		numbers: expected.numbers,
		actions: expected.actions,
		wabaErrors: expected.wabaErrors,
		status: expected.status,
		quality: expected.quality,
		health: expected.health,
		reason: expected.reason,
		preVerified: expected.preVerified,
		throughput: expected.throughput,
		platform: expected.platform,
		coexistence: expected.coexistence,
		messagingLimit: expected.messagingLimit,
		portfolios: expected.portfolios.length,
	});
	expect(shown.actionRows).toBe(expected.actions);
	// Each portfolio's row shows its messaging limit, WABAs and numbers as the browser renders them.
	expect(shown.portfolioRows).toEqual(expected.portfolios);
	expect(shown.actionColumns).toEqual(['Kind', 'WABA', 'Number', 'Reason', 'Deadline', 'Portfolio', 'Messaging limit', 'Throughput', 'Platform', 'Coexistence', 'Detail']);
	expect(shown.bars.map((bar) => bar.count)).toEqual(expected.expiriesByWeek);
	// The bars are drawn to scale: the week with most expiries is the tallest.
	const tallest = Math.max(...shown.bars.map((bar) => bar.height));
	expect(shown.bars[expected.expiriesByWeek.indexOf(Math.max(...expected.expiriesByWeek))].height).toBe(tallest);
	expect(tallest).toBeGreaterThan(50);

	// Self-contained: the page itself is the only request; nothing was blocked, nothing failed.
	expect(requested).toEqual([reportUrl]);
	expect(events.blocked).toEqual([]);
	expect(events.failedRequests).toEqual([]);
	expect(events.console).toEqual([]);
	expect(events.pageErrors).toEqual([]);

	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, 'fleet-report.png');
	await page.screenshot({ path: file, fullPage: true });
	expect(fs.statSync(file).size).toBeGreaterThan(20_000);
});
