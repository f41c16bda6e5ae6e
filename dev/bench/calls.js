'use strict';
/**
 * 1. Graph calls per job, counted by the sandbox: our nodes (run by n8n's engine through the
 * test harness), the minimum possible, and the hand-built alternative (list the IDs, then one
 * request per number), which is actually run against the same sandbox.
 */
const { createSandbox } = require('../sandbox/server');
const { generateFixture } = require('../sandbox/fixtures/generate');
const { graphClient } = require('./lib/graphClient');

const NUMBERS = 1000;
const POOL = 1000;
const DUE = 100;
const CLAIMED = 10;
/** Graph's largest page. */
const PAGE = 100;
const DAY_MS = 86_400_000;
const REVERIFY_WINDOW_DAYS = 45;
const AUDIT_FIELDS = ['id', 'display_phone_number', 'status', 'quality_rating', 'name_status', 'code_verification_status'];

const byId = (value) => ({ __rl: true, mode: 'id', value });
const pages = (count) => Math.ceil(count / PAGE);
const graphDate = (text) => Date.parse(String(text).replace(/\+0000$/, 'Z'));

/**
 * One WABA with 1,000 numbers, 10 of them claimed from a pool of 1,000 pre-verified numbers,
 * 100 of which are inside their re-verification window.
 */
function buildWorld(sandbox) {
	sandbox.reset();
	const wabaId = sandbox.state.wabas[0].id;
	const businessId = sandbox.state.businesses[0].id;
	const pool = sandbox.state.preVerifiedNumbers;
	// Claim numbers from the middle of the pool: verified, not due.
	for (const entry of pool.slice(500, 500 + CLAIMED)) {
		sandbox.claim({ preverified_id: entry.id, waba_id: wabaId, verified_name: `Claimed ${entry.id}` });
	}
	sandbox.resetCounts();
	return { wabaId, businessId };
}

async function healthAuditOurs({ runNode, credentials, wabaId }) {
	const { items, error } = await runNode({
		type: 'whatsAppPhoneNumbers',
		parameters: { operation: 'getAll', wabaId: byId(wabaId), returnAll: true, options: { fields: AUDIT_FIELDS } },
		credentials,
	});
	if (error) throw error;
	return { items: items.length };
}

async function healthAuditAlternative({ graph, wabaId }) {
	const ids = await graph.listAll(`/${wabaId}/phone_numbers`, { fields: 'id', limit: PAGE });
	const numbers = await graph.forEach(ids, ({ id }) => graph.get(`/${id}`, { fields: AUDIT_FIELDS.join(',') }));
	return { items: numbers.length };
}

/** Get Due for Re-Verification → Request Code per due number → (the SMS) → Verify Code per number. */
async function sweepOurs({ runNode, credentials, businessId, sandbox }) {
	const due = await runNode({
		type: 'whatsAppPreVerifiedNumbers',
		parameters: { operation: 'getDueForReverification', businessId: byId(businessId) },
		credentials,
	});
	if (due.error) throw due.error;
	const requested = await runNode({
		type: 'whatsAppPreVerifiedNumbers',
		parameters: { operation: 'requestCode', preVerifiedNumberId: byId('={{ $json.preVerifiedNumberId }}') },
		credentials,
		input: due.items,
	});
	if (requested.error) throw requested.error;
	// The code reaches a person by SMS; the sandbox hands it over instead.
	const withCodes = requested.items.map((item) => ({
		json: { preVerifiedNumberId: item.json.preVerifiedNumberId, code: sandbox.latestCode(item.json.preVerifiedNumberId) },
	}));
	const verified = await runNode({
		type: 'whatsAppPreVerifiedNumbers',
		parameters: {
			operation: 'verifyCode',
			preVerifiedNumberId: byId('={{ $json.preVerifiedNumberId }}'),
			code: '={{ $json.code }}',
		},
		credentials,
		input: withCodes,
	});
	if (verified.error) throw verified.error;
	return { due: due.items.length, verified: verified.items.filter((item) => item.json.success === true).length };
}

/** The same rule as the node: window open (expiry − 45 days), lapsed, or never verified. */
function isDue(number, now) {
	if (number.code_verification_status !== 'VERIFIED' || !number.verification_expiry_time) return true;
	return now >= graphDate(number.verification_expiry_time) - REVERIFY_WINDOW_DAYS * DAY_MS;
}

async function sweepAlternative({ graph, businessId, sandbox }) {
	const ids = await graph.listAll(`/${businessId}/preverified_numbers`, { fields: 'id', limit: PAGE });
	const numbers = await graph.forEach(ids, ({ id }) =>
		graph.get(`/${id}`, { fields: 'id,code_verification_status,verification_expiry_time' }),
	);
	const now = sandbox.now().getTime();
	const due = numbers.filter((number) => isDue(number, now));
	await graph.forEach(due, ({ id }) => graph.post(`/${id}/request_code`, { code_method: 'SMS', language: 'en_US' }));
	const results = await graph.forEach(due, ({ id }) => graph.post(`/${id}/verify_code`, { code: sandbox.latestCode(id) }));
	return { due: due.length, verified: results.filter((result) => result.success === true).length };
}

async function findClaimedOurs({ runNode, credentials, businessId, wabaId }) {
	const { items, error } = await runNode({
		type: 'whatsAppPreVerifiedNumbers',
		parameters: { operation: 'findClaimed', businessId: byId(businessId), wabaId: byId(wabaId) },
		credentials,
	});
	if (error) throw error;
	return { claimed: items.length };
}

/** Per pool number, Graph's documented lookup: the WABA's list narrowed to that display number. */
async function findClaimedAlternative({ graph, businessId, wabaId }) {
	const pool = await graph.listAll(`/${businessId}/preverified_numbers`, { fields: 'id,phone_number', limit: PAGE });
	const matches = await graph.forEach(pool, ({ phone_number: phoneNumber }) =>
		graph.get(`/${wabaId}/phone_numbers`, { display_phone_number: phoneNumber, fields: 'id,display_phone_number' }),
	);
	return { claimed: matches.filter((page) => page.data.length > 0).length };
}

const JOBS = [
	{
		key: 'audit',
		label: `Calls: health audit of ${NUMBERS.toLocaleString('en')} numbers`,
		detail: 'status, quality, name and verification status of every number',
		minimum: pages(NUMBERS),
		minimumText: `${pages(NUMBERS)} pages of ${PAGE}`,
		ours: healthAuditOurs,
		alternative: healthAuditAlternative,
		outcome: (result) => `${result.items} numbers`,
		expected: { items: NUMBERS },
	},
	{
		key: 'sweep',
		label: `Calls: re-verification sweep, pool of ${POOL.toLocaleString('en')}, ${DUE} due`,
		detail: 'list, request a code for each due number, verify it',
		minimum: pages(POOL) + 2 * DUE,
		minimumText: `${pages(POOL)} pages + ${DUE} request + ${DUE} verify`,
		ours: sweepOurs,
		alternative: sweepAlternative,
		outcome: (result) => `${result.due} due, ${result.verified} re-verified`,
		expected: { due: DUE, verified: DUE },
	},
	{
		key: 'claimed',
		label: `Calls: find claimed numbers among ${POOL.toLocaleString('en')}`,
		detail: `pool of ${POOL}, WABA of ${NUMBERS}, ${CLAIMED} claimed`,
		minimum: pages(POOL) + pages(NUMBERS),
		minimumText: `${pages(POOL)} pool pages + ${pages(NUMBERS)} WABA pages`,
		ours: findClaimedOurs,
		alternative: findClaimedAlternative,
		outcome: (result) => `${result.claimed} claimed found`,
		expected: { claimed: CLAIMED },
	},
];

function sameResult(result, expected) {
	return Object.entries(expected).every(([key, value]) => result[key] === value);
}

async function measureCalls({ harness, log = () => {} }) {
	const sandbox = createSandbox({
		fixture: generateFixture({ phoneNumbers: NUMBERS - CLAIMED, preVerified: POOL, dueForReverification: DUE }),
	});
	await sandbox.start({ host: '127.0.0.1', port: 0 });
	const c = sandbox.credentials;
	const credentials = {
		accessToken: c.accessToken,
		graphApiVersion: 'v24.0',
		baseUrl: sandbox.url,
		appId: c.appId,
		appSecret: c.appSecret,
		webhookVerifyToken: c.webhookVerifyToken,
	};
	const graph = graphClient({ baseUrl: sandbox.url, accessToken: c.accessToken });
	const results = [];
	try {
		for (const job of JOBS) {
			const measured = {};
			for (const side of ['ours', 'alternative']) {
				const world = buildWorld(sandbox);
				const result = await job[side]({ runNode: harness.runNode, credentials, graph, sandbox, ...world });
				const counts = sandbox.counts;
				measured[side] = { calls: counts.total, endpoints: counts.endpoints, result, correct: sameResult(result, job.expected) };
				log(`  ${job.key} ${side}: ${counts.total} calls (${job.outcome(result)})`);
			}
			results.push({ ...job, measured });
		}
	} finally {
		await sandbox.stop();
	}
	return results;
}

module.exports = { measureCalls, NUMBERS, POOL, DUE, CLAIMED };
