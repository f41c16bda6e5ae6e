'use strict';
/**
 * The fleet report in a real n8n: examples/fleet-report.json activated, its webhook asked for the
 * page and for the CSV, against the sandbox's 25-WABA world (one client has revoked the partner's
 * access). The page's figures and the CSV rows are checked against the world, and the Graph calls
 * against the fewest that can read it.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { expectedFleetReport, parseCsv, readReportPage } = require('../../dev/n8n/lib/fleet-checks');
const { generateFleet } = require('../../dev/sandbox/fixtures/fleet');

const REVOKED_WABA = '600000000000025';

let stack;
let reportUrl;

beforeAll(async () => {
	stack = await startStack({ only: ['fleet'], sandboxOptions: { fixture: generateFleet({ revokedWabas: [25] }) } });
	await stack.client.activateWorkflow(stack.workflows.fleet.id);
	reportUrl = `${stack.n8n.url}/webhook/fleet-report`;
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the page shows the world: counts by status, quality, health, throughput, platform and coexistence, the portfolios with their messaging limits, what needs action, expiries by week, in the fewest calls', async () => {
	stack.sandbox.resetCounts();
	const response = await fetch(reportUrl);
	const html = await response.text();
	const expected = expectedFleetReport(stack.sandbox.state, { revokedWabaIds: [REVOKED_WABA] });

	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^text\/html/);
	// Self-contained: no script, stylesheet link, font or image is loaded from anywhere.
	expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
	const page = readReportPage(html);
	expect(page).toEqual({
		wabas: 25,
		numbers: expected.numbers,
		actions: expected.actions,
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
		portfolioRows: expected.portfolios,
		wabaErrors: 1,
		expiriesByWeek: expected.expiriesByWeek,
		actionRows: expected.actions,
	});
	expect(expected.numbers).toBe(2400);
	// The partner's portfolio (10 owned WABAs, TIER_2K) and the 14 clients whose WABAs could be read.
	expect(expected.portfolios).toHaveLength(15);
	expect(expected.portfolios[0]).toMatchObject({ portfolioId: '506914307656634', messagingLimit: 'TIER_2K', wabas: 10 });
	expect(Object.keys(expected.throughput).sort()).toEqual(['HIGH', 'STANDARD']);
	expect(expected.coexistence['Business app and Cloud API']).toBeGreaterThan(0);
	expect(html).toContain('WABA &quot;Client 25 Retail&quot; (600000000000025): ');

	const { wabaPages, numberPages, poolPages, total } = expected.minimumCalls;
	expect(stack.sandbox.counts.endpoints).toEqual({
		'GET /{business}/owned_whatsapp_business_accounts': 1,
		'GET /{business}/client_whatsapp_business_accounts': 1,
		'GET /{waba}/phone_numbers': numberPages,
		'GET /{business}/preverified_numbers': poolPages,
	});
	expect(stack.sandbox.counts.total).toBe(total);
	expect(wabaPages).toBe(2);
});

test('?format=csv answers the table of numbers that need action as a CSV file', async () => {
	stack.sandbox.resetCounts();
	const response = await fetch(`${reportUrl}?format=csv`);
	const rows = parseCsv(await response.text());
	const expected = expectedFleetReport(stack.sandbox.state, { revokedWabaIds: [REVOKED_WABA] });

	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
	expect(response.headers.get('content-disposition')).toContain('fleet-actions.csv');
	expect(rows).toHaveLength(expected.actions);
	expect(Object.keys(rows[0])).toEqual([
		'kind', 'waba', 'wabaId', 'number', 'id', 'status', 'reasons', 'deadline', 'detail',
		'portfolio', 'messagingLimit', 'throughput', 'platform', 'coexistence',
	]);
	// A number's row names its portfolio and that portfolio's messaging limit.
	const limits = new Map(expected.portfolios.map((portfolio) => [portfolio.portfolioId, portfolio.messagingLimit]));
	const owned = rows.find((row) => row.kind === 'Phone number' && row.portfolio === 'Acme Onboarding Partners');
	expect(owned).toMatchObject({ messagingLimit: limits.get('506914307656634'), throughput: expect.stringMatching(/^(STANDARD|HIGH)$/), platform: expect.stringMatching(/^(CLOUD_API|NOT_APPLICABLE)$/) });
	const reasons = {};
	for (const row of rows) for (const reason of row.reasons.split('; ')) reasons[reason] = (reasons[reason] ?? 0) + 1;
	expect(reasons).toEqual(expected.reason);
	// Soonest deadline first.
	const deadlines = rows.map((row) => row.deadline).filter(Boolean);
	expect(deadlines).toEqual([...deadlines].sort());
	expect(stack.sandbox.counts.total).toBe(expected.minimumCalls.total);
});
