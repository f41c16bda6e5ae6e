'use strict';
/**
 * What the fleet report (examples/fleet-report.json) must show for a sandbox world, worked out
 * from the world itself with the rules written out again here, and the page's figures read back,
 * so the e2e test, the browser check and the benchmark compare the two.
 */
const DAY_MS = 86_400_000;
const PAGE = 100;

const graphDate = (value) => (value ? Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : undefined);

function tally(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Why a number needs action, by the report's rules. */
function reasonsOf(phone, now) {
	const reasons = [];
	if (phone.status === 'FLAGGED') reasons.push('Flagged');
	if (phone.health_status?.can_send_message === 'BLOCKED') reasons.push('Cannot send');
	if (phone.status === 'PENDING' && phone.last_onboarded_time) {
		const left = graphDate(phone.last_onboarded_time) + (phone.is_preverified_number ? 90 : 14) * DAY_MS - now;
		if (left < 0) reasons.push('Registration deadline passed');
		else if (left <= 7 * DAY_MS) reasons.push('Register within 7 days');
	}
	if (phone.name_status === 'DECLINED') reasons.push('Display name declined');
	if (phone.new_name_status === 'DECLINED') reasons.push('New display name declined');
	return reasons;
}

/** A pre-verified number's state as the node's `lifecycle.state` names it. */
function poolState(entry, now) {
	const expiresAt = graphDate(entry.verification_expiry_time);
	if (entry.code_verification_status === 'NOT_VERIFIED') return 'awaiting verification';
	if (entry.code_verification_status !== 'VERIFIED' || expiresAt <= now) return 'lapsed';
	return expiresAt - now <= 45 * DAY_MS ? 're-verification window open' : 'verified';
}

/** Whether a number is also on the WhatsApp Business app (coexistence), in the report's words. */
const coexistenceOf = (phone) => (phone.is_on_biz_app === true ? 'Business app and Cloud API' : 'Cloud API only');

/**
 * The business portfolios that own the WABAs read, in the report's order (most numbers first),
 * each with the messaging limit its numbers share, its WABAs and its numbers.
 */
function portfoliosOf(state, phones) {
	const wabas = new Map(state.wabas.map((waba) => [waba.id, waba]));
	const byId = new Map();
	for (const phone of phones) {
		const owner = wabas.get(phone.waba_id).owner_business_info;
		const entry = byId.get(owner.id) ?? { portfolioId: owner.id, name: owner.name ?? owner.id, messagingLimit: phone.whatsapp_business_manager_messaging_limit, wabaIds: new Set(), numbers: 0 };
		entry.wabaIds.add(phone.waba_id);
		entry.numbers += 1;
		byId.set(owner.id, entry);
	}
	return [...byId.values()]
		.sort((a, b) => b.numbers - a.numbers || a.name.localeCompare(b.name))
		.map(({ portfolioId, messagingLimit, wabaIds, numbers }) => ({ portfolioId, messagingLimit, wabas: wabaIds.size, numbers }));
}

/**
 * The report's figures for a sandbox state (`sandbox.state`), leaving out the numbers of WABAs
 * whose access was revoked, and the fewest Graph calls that can read them.
 */
function expectedFleetReport(state, { revokedWabaIds = [], now = Date.now() } = {}) {
	const phones = state.phoneNumbers.filter((phone) => !revokedWabaIds.includes(phone.waba_id));
	const actions = phones.map((phone) => reasonsOf(phone, now)).filter((reasons) => reasons.length);
	const pool = state.preVerifiedNumbers;
	const poolActions = pool.map((entry) => poolState(entry, now)).filter((s) => s === 'lapsed' || s === 're-verification window open');
	const expiriesByWeek = Array.from({ length: 13 }, () => 0);
	for (const entry of pool) {
		if (poolState(entry, now) === 'lapsed' || entry.code_verification_status !== 'VERIFIED') continue;
		const week = Math.floor((graphDate(entry.verification_expiry_time) - now) / (7 * DAY_MS));
		if (week >= 0 && week < 13) expiriesByWeek[week] += 1;
	}
	const sizes = state.wabas.map((waba) => state.phoneNumbers.filter((phone) => phone.waba_id === waba.id).length);
	const wabaPages = ['owned', 'client'].reduce((sum, relation) => sum + Math.max(1, Math.ceil(state.wabas.filter((w) => w.relation === relation).length / PAGE)), 0);
	// A revoked WABA costs the one call that finds out; a WABA of exactly 100 numbers fits one page.
	const numberPages = state.wabas.reduce((sum, waba, index) => sum + (revokedWabaIds.includes(waba.id) ? 1 : Math.max(1, Math.ceil(sizes[index] / PAGE))), 0);
	const poolPages = Math.max(1, Math.ceil(pool.length / PAGE));
	const portfolios = portfoliosOf(state, phones);
	return {
		wabas: state.wabas.length,
		numbers: phones.length,
		status: tally(phones.map((phone) => phone.status)),
		quality: tally(phones.map((phone) => phone.quality_rating)),
		health: tally(phones.map((phone) => phone.health_status?.can_send_message ?? 'UNKNOWN')),
		reason: tally([...actions.flat(), ...poolActions.map((s) => (s === 'lapsed' ? 'Pre-verified number lapsed' : 'Re-verification window open'))]),
		preVerified: tally(pool.map((entry) => poolState(entry, now))),
		throughput: tally(phones.map((phone) => phone.throughput?.level ?? 'UNKNOWN')),
		platform: tally(phones.map((phone) => phone.platform_type ?? 'UNKNOWN')),
		coexistence: tally(phones.map(coexistenceOf)),
		messagingLimit: tally(portfolios.map((portfolio) => portfolio.messagingLimit)),
		portfolios,
		actions: actions.length + poolActions.length,
		expiriesByWeek,
		wabaErrors: revokedWabaIds.length,
		minimumCalls: { wabaPages, numberPages, poolPages, total: wabaPages + numberPages + poolPages },
	};
}

const unescape = (text) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The figures the page shows, read from its `data-metric` cells and the chart's bars, in the shape above. */
function readReportPage(html) {
	const figures = { status: {}, quality: {}, health: {}, reason: {}, preVerified: {}, throughput: {}, platform: {}, coexistence: {}, messagingLimit: {}, wabaErrors: 0 };
	for (const [, metric, value] of html.matchAll(/data-metric="([^"]+)">(\d+)</g)) {
		const name = unescape(metric);
		const dot = name.indexOf('.');
		if (dot < 0) figures[name] = Number(value);
		else figures[name.slice(0, dot)][name.slice(dot + 1)] = Number(value);
	}
	figures.expiriesByWeek = [...html.matchAll(/data-week="(\d+)" data-count="(\d+)"/g)].map(([, , count]) => Number(count));
	figures.actionRows = [...html.matchAll(/<tr class="action">/g)].length;
	figures.portfolioRows = [...html.matchAll(/<tr class="portfolio" data-portfolio="([^"]*)" data-limit="([^"]*)" data-wabas="(\d+)" data-numbers="(\d+)">/g)].map(
		([, portfolioId, messagingLimit, wabas, numbers]) => ({ portfolioId, messagingLimit: unescape(messagingLimit), wabas: Number(wabas), numbers: Number(numbers) }),
	);
	return figures;
}

/** A CSV as n8n's Convert to File writes it: header row, quoted fields where needed. */
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') row.push(field), (field = '');
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field), rows.push(row), (row = []), (field = '');
		} else field += c;
	}
	if (field !== '' || row.length) row.push(field), rows.push(row);
	const [header, ...data] = rows.filter((r) => r.length > 1 || r[0] !== '');
	return data.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index]])));
}

module.exports = { expectedFleetReport, readReportPage, parseCsv };
