import { CLIENT_LIMITS, generateFleet, wabaSizes } from '../../dev/sandbox/fixtures/fleet';
import { BUSINESS_ID, graphError, START, useSandbox } from './helpers';

const DAY_MS = 86_400_000;
const FIELDS = 'id,display_phone_number,status,quality_rating,name_status,new_name_status,last_onboarded_time,is_preverified_number,health_status{can_send_message}';

function tally(values: unknown[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

describe('Graph sandbox: the fleet world (25 WABAs, 2,500 numbers)', () => {
	const { graph, sandbox } = useSandbox({ fixture: generateFleet({ revokedWabas: [25] }) });

	/** Every page of a list edge, following `paging.next` as a client would. */
	async function listAll(path: string): Promise<any[]> {
		const items: any[] = [];
		let after: string | undefined;
		do {
			const page = await graph(`${path}${path.includes('?') ? '&' : '?'}limit=100${after ? `&after=${after}` : ''}`);
			expect(page.status).toBe(200);
			items.push(...page.body.data);
			after = page.body.paging?.next ? page.body.paging.cursors.after : undefined;
		} while (after);
		return items;
	}

	it('is the same world each time it is generated', () => {
		expect(generateFleet()).toEqual(generateFleet());
		expect(wabaSizes(25).reduce((sum, size) => sum + size, 0)).toBe(2500);
	});

	it("answers throughput, platform, coexistence and the owning portfolio's messaging limit in the list call", async () => {
		const owned = await listAll('/600000000000001/phone_numbers?fields=id,status,throughput,platform_type,is_on_biz_app,whatsapp_business_manager_messaging_limit');
		const client = await listAll('/600000000000011/phone_numbers?fields=id,whatsapp_business_manager_messaging_limit');
		expect(tally(owned.map((number) => number.throughput.level))).toEqual({ STANDARD: expect.any(Number), HIGH: expect.any(Number) });
		expect(tally(owned.map((number) => `${number.status}/${number.platform_type}`))).toMatchObject({ 'CONNECTED/CLOUD_API': expect.any(Number), 'PENDING/NOT_APPLICABLE': expect.any(Number) });
		expect(owned.filter((number) => number.is_on_biz_app === true).length).toBeGreaterThan(0);
		expect(new Set(owned.map((number) => number.whatsapp_business_manager_messaging_limit))).toEqual(new Set(['TIER_2K']));
		expect(new Set(client.map((number) => number.whatsapp_business_manager_messaging_limit))).toEqual(new Set([CLIENT_LIMITS[11 % 5]]));
	});

	it('lists 10 owned and 15 client WABAs, whose numbers take one page per 100', async () => {
		const owned = await listAll(`/${BUSINESS_ID}/owned_whatsapp_business_accounts?fields=id,name`);
		const client = await listAll(`/${BUSINESS_ID}/client_whatsapp_business_accounts?fields=id,name`);
		expect([owned.length, client.length]).toEqual([10, 15]);
		expect(owned[0]).toEqual({ id: '600000000000001', name: 'Acme Line 01' });
		expect(client[0]).toEqual({ id: '600000000000011', name: 'Client 11 Retail' });

		sandbox.resetCounts();
		const sizes = wabaSizes(25);
		const readable = [...owned, ...client].slice(0, 24);
		for (const [index, waba] of readable.entries()) {
			expect(await listAll(`/${waba.id}/phone_numbers?fields=id`)).toHaveLength(sizes[index]);
		}
		const pages = sizes.slice(0, 24).reduce((sum, size) => sum + Math.ceil(size / 100), 0);
		expect(sandbox.counts.endpoints).toEqual({ 'GET /{waba}/phone_numbers': pages });
	});

	it("answers error 200 for the WABA whose client revoked the partner's access, though the portfolio still lists it", async () => {
		const revoked = '600000000000025';
		const client = await listAll(`/${BUSINESS_ID}/client_whatsapp_business_accounts?fields=id`);
		expect(client.map(({ id }) => id)).toContain(revoked);
		const answer = await graph(`/${revoked}/phone_numbers?fields=id`);
		expect(answer.status).toBe(403);
		expect(graphError(answer)).toMatchObject({ code: 200, message: '(#200) Permissions error' });
	});

	it('holds numbers in mixed states: statuses, qualities, health, declined names and registration deadlines', async () => {
		const numbers = sandbox.state.phoneNumbers as any[];
		expect(numbers).toHaveLength(2500);
		expect(tally(numbers.map((number) => number.status))).toEqual({ CONNECTED: 2125, FLAGGED: 125, PENDING: 250 });
		expect(tally(numbers.map((number) => number.quality_rating))).toEqual({ GREEN: 1875, YELLOW: 250, RED: 125, UNKNOWN: 250 });
		// BLOCKED: the 250 pending numbers and 125 locked ones; LIMITED: 125 restricted, 125 flagged and 69 more of WABA 6 (payment problem).
		expect(tally(numbers.map((number) => number.health_status.can_send_message))).toEqual({ AVAILABLE: 1806, LIMITED: 319, BLOCKED: 375 });
		expect(numbers.filter((number) => number.name_status === 'DECLINED')).toHaveLength(125);
		expect(numbers.filter((number) => number.new_name_status === 'DECLINED')).toHaveLength(125);

		const now = Date.parse(START);
		const deadlines = numbers
			.filter((number) => number.status === 'PENDING')
			.map((number) => Date.parse(number.last_onboarded_time.replace('+0000', 'Z')) + (number.is_preverified_number ? 90 : 14) * DAY_MS - now);
		expect(deadlines.filter((left) => left < 0).length).toBeGreaterThan(10);
		expect(deadlines.filter((left) => left >= 0 && left <= 7 * DAY_MS).length).toBeGreaterThan(50);
		expect(deadlines.filter((left) => left > 7 * DAY_MS).length).toBeGreaterThan(10);
	});

	it('reads the same states through the list edge, health included', async () => {
		const [first] = (await listAll(`/${BUSINESS_ID}/owned_whatsapp_business_accounts?fields=id`)).slice(0, 1);
		const listed = await listAll(`/${first.id}/phone_numbers?fields=${FIELDS}`);
		// The n-th number of the fleet has the ID 7 followed by n, 14 digits; the list is newest onboarded first.
		const byIndex = new Map(listed.map((number) => [Number(number.id.slice(1)) - 1, number]));
		const numbers = [...byIndex.keys()].sort((a, b) => a - b).map((index) => byIndex.get(index));
		expect(listed[0]).toMatchObject({ status: 'PENDING' });
		expect(numbers[12]).toMatchObject({ status: 'CONNECTED', health_status: { can_send_message: 'BLOCKED' } });
		expect(numbers[13]).toMatchObject({ status: 'FLAGGED', quality_rating: 'RED', health_status: { can_send_message: 'LIMITED' } });
		expect(numbers[14]).toMatchObject({ name_status: 'DECLINED' });
		expect(numbers[15]).toMatchObject({ status: 'PENDING', is_preverified_number: false, health_status: { can_send_message: 'BLOCKED' } });
		expect(numbers[16]).toMatchObject({ status: 'PENDING', is_preverified_number: true });
	});

	it('has a pre-verified pool whose expiries spread over the next 13 weeks, with lapsed and never-verified entries', async () => {
		const pool = await listAll(`/${BUSINESS_ID}/preverified_numbers?fields=id,code_verification_status,verification_expiry_time`);
		expect(tally(pool.map((entry) => entry.code_verification_status))).toEqual({ VERIFIED: 90, EXPIRED: 20, NOT_VERIFIED: 10 });
		const now = Date.parse(START);
		const weeksAhead = pool
			.filter((entry) => entry.code_verification_status === 'VERIFIED')
			.map((entry) => Math.floor((Date.parse(entry.verification_expiry_time.replace('+0000', 'Z')) - now) / (7 * DAY_MS)));
		expect(Math.min(...weeksAhead)).toBe(0);
		expect(Math.max(...weeksAhead)).toBe(12);
		expect(new Set(weeksAhead).size).toBe(13);
	});
});
