import { generateFixture } from '../../dev/sandbox/fixtures/generate';
import { BUSINESS_ID, CLIENT_WABA_ID, OWNED_WABA_ID, POOL, graphError, useSandbox } from './helpers';

const OWNED_NEWEST_FIRST = ['107788990011223', '108899001122334', '106850078877666', '106540352242922', '109900112233445'];

describe('Graph sandbox: lists, cursors and fields', () => {
	const { graph, sandbox } = useSandbox();

	it('lists a WABA\'s numbers newest onboarded first, in pages linked by cursors', async () => {
		const first = await graph(`/${OWNED_WABA_ID}/phone_numbers?limit=2&fields=id`);
		expect(first.body.data.map((number: { id: string }) => number.id)).toEqual(OWNED_NEWEST_FIRST.slice(0, 2));
		expect(first.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
		expect(first.body.paging.next).toContain(`${sandbox.url}/v24.0/${OWNED_WABA_ID}/phone_numbers?`);
		expect(first.body.paging.previous).toBeUndefined();

		const second = await graph(`/${OWNED_WABA_ID}/phone_numbers?limit=2&fields=id&after=${first.body.paging.cursors.after}`);
		expect(second.body.data.map((number: { id: string }) => number.id)).toEqual(OWNED_NEWEST_FIRST.slice(2, 4));
		expect(second.body.paging.previous).toBeDefined();

		// paging.next is a full URL that works as it is.
		const viaNext = await fetch(second.body.paging.next, { headers: { Authorization: `Bearer ${sandbox.credentials.accessToken}` } });
		const last = (await viaNext.json()) as { data: Array<{ id: string }>; paging: { cursors: { after: string }; next?: string } };
		expect(last.data.map((number: { id: string }) => number.id)).toEqual(OWNED_NEWEST_FIRST.slice(4));
		expect(last.paging.cursors.after).toEqual(expect.any(String));
		expect(last.paging.next).toBeUndefined();
	});

	it('leaves next out when everything fits on one page', async () => {
		const response = await graph(`/${OWNED_WABA_ID}/phone_numbers?limit=5`);
		expect(response.body.data).toHaveLength(5);
		expect(response.body.paging.next).toBeUndefined();
	});

	it('caps limit at 100', async () => {
		sandbox.reset(generateFixture({ phoneNumbers: 150, preVerified: 0, dueForReverification: 0 }));
		const first = await graph('/200000000000001/phone_numbers?limit=500&fields=id');
		expect(first.body.data).toHaveLength(100);
		expect(first.body.paging.next).toContain('limit=100');
		const second = await graph(`/200000000000001/phone_numbers?limit=500&fields=id&after=${first.body.paging.cursors.after}`);
		expect(second.body.data).toHaveLength(50);
		expect(second.body.paging.next).toBeUndefined();
		const ids = new Set([...first.body.data, ...second.body.data].map((number: { id: string }) => number.id));
		expect(ids.size).toBe(150);
	});

	it('returns only the fields asked for, always with id, nested selections included', async () => {
		const response = await graph(`/${OWNED_WABA_ID}/phone_numbers?limit=1&fields=status,throughput{level},health_status{can_send_message}`);
		expect(response.body.data[0]).toEqual({
			status: 'PENDING',
			throughput: { level: 'STANDARD' },
			health_status: { can_send_message: 'BLOCKED' },
			id: '107788990011223',
		});
		const single = await graph('/106540352242922?fields=display_phone_number,last_onboarded_time,is_pin_enabled');
		expect(single.body).toEqual({
			display_phone_number: '+1 631-555-5555',
			last_onboarded_time: '2025-08-13T12:00:00+0000',
			is_pin_enabled: true,
			id: '106540352242922',
		});
	});

	it('uses Graph\'s default fields when none are asked for', async () => {
		const response = await graph('/106540352242922');
		expect(Object.keys(response.body).sort()).toEqual(['code_verification_status', 'display_phone_number', 'id', 'quality_rating', 'verified_name']);
	});

	it('sorts ascending with sort=["last_onboarded_time_ascending"] and refuses an unknown sort', async () => {
		const sort = encodeURIComponent(JSON.stringify(['last_onboarded_time_ascending']));
		const response = await graph(`/${OWNED_WABA_ID}/phone_numbers?fields=id&sort=${sort}`);
		expect(response.body.data.map((number: { id: string }) => number.id)).toEqual([...OWNED_NEWEST_FIRST].reverse());
		expect(graphError(await graph(`/${OWNED_WABA_ID}/phone_numbers?sort=%5B%22sideways%22%5D`)).code).toBe(100);
	});

	it('filters with filtering=[{field:account_mode,operator:EQUAL,value:SANDBOX}] and refuses bad JSON', async () => {
		const filtering = encodeURIComponent(JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: 'SANDBOX' }]));
		const response = await graph(`/${OWNED_WABA_ID}/phone_numbers?fields=id,account_mode&filtering=${filtering}`);
		expect(response.body.data).toEqual([{ id: '108899001122334', account_mode: 'SANDBOX' }]);
		expect(graphError(await graph(`/${OWNED_WABA_ID}/phone_numbers?filtering=%5Bnot-json`)).code).toBe(100);
	});

	it('narrows to one number with display_phone_number, comparing digits only', async () => {
		for (const query of ['16315555556', encodeURIComponent('+1 (631) 555-5556')]) {
			const response = await graph(`/${OWNED_WABA_ID}/phone_numbers?fields=id,display_phone_number&display_phone_number=${query}`);
			expect(response.body.data).toEqual([{ id: '106850078877666', display_phone_number: '+1 631-555-5556' }]);
		}
		const none = await graph(`/${OWNED_WABA_ID}/phone_numbers?display_phone_number=19999999999`);
		expect(none.body).toEqual({ data: [] });
	});

	it('lists the pre-verified pool in creation order, filtered by code_verification_status and phone_number', async () => {
		const all = await graph(`/${BUSINESS_ID}/preverified_numbers?fields=id,code_verification_status`);
		expect(all.body.data).toHaveLength(8);
		const verified = await graph(`/${BUSINESS_ID}/preverified_numbers?code_verification_status=VERIFIED&fields=id`);
		expect(verified.body.data.map((entry: { id: string }) => entry.id).sort()).toEqual(
			[POOL.verified5DaysAgo, POOL.verified20DaysAgo, POOL.verified50DaysAgo, POOL.verified80DaysAgo, POOL.verified10DaysAgo].sort(),
		);
		const expired = await graph(`/${BUSINESS_ID}/preverified_numbers?code_verification_status=EXPIRED&fields=id`);
		expect(expired.body.data).toEqual([{ id: POOL.lapsed }]);
		const one = await graph(`/${BUSINESS_ID}/preverified_numbers?phone_number=${encodeURIComponent('+1 211-555-5103')}&fields=id,phone_number,owner_business{name}`);
		expect(one.body.data).toEqual([{ id: POOL.verified50DaysAgo, phone_number: '12115555103', owner_business: { name: 'Acme Onboarding Partners' } }]);
	});

	it('lists businesses and owned / client WABAs for the list searches', async () => {
		expect((await graph('/me/businesses?fields=id,name')).body.data).toEqual([{ id: BUSINESS_ID, name: 'Acme Onboarding Partners' }]);
		const owned = await graph(`/${BUSINESS_ID}/owned_whatsapp_business_accounts?fields=id,name`);
		expect(owned.body.data).toEqual([{ id: OWNED_WABA_ID, name: 'Acme Support' }]);
		const client = await graph(`/${BUSINESS_ID}/client_whatsapp_business_accounts?fields=id,name,owner_business_info`);
		expect(client.body.data).toEqual([
			{ id: CLIENT_WABA_ID, name: "Jasper's Market", owner_business_info: { id: '561234567890123', name: "Jasper's Market LLC" } },
		]);
	});
});
