import {
	BUSINESS_ID,
	CLIENT_WABA_ID,
	OWNED_WABA_ID,
	POOL,
	START,
	UNVERIFIED_NUMBER_ID,
	graphError,
	useSandbox,
} from './helpers';

const DAY = 86_400_000;
const graphTimeAt = (offsetDays: number) => new Date(Date.parse(START) + offsetDays * DAY).toISOString().replace(/\.\d{3}Z$/, '+0000');

describe('Graph sandbox: one-time codes and the pre-verified lifecycle', () => {
	const { graph, dev, sandbox } = useSandbox();

	async function requestCode(id: string) {
		return graph(`/${id}/request_code?code_method=SMS&language=en_US`, { method: 'POST' });
	}

	it('issues a 6-digit code on request_code and shows it on the development endpoint', async () => {
		expect((await requestCode(UNVERIFIED_NUMBER_ID)).body).toEqual({ success: true });
		const code = await dev(`/codes/${UNVERIFIED_NUMBER_ID}`);
		expect(code.status).toBe(200);
		expect(code.headers.get('x-sandbox-development-only')).toBe('true');
		expect(code.body).toMatchObject({ id: UNVERIFIED_NUMBER_ID, code: expect.stringMatching(/^\d{6}$/), code_method: 'SMS', language: 'en_US' });
		expect(code.body.sms).toBe(`WhatsApp code ${code.body.code.slice(0, 3)}-${code.body.code.slice(3)}`);
		expect(sandbox.latestCode(UNVERIFIED_NUMBER_ID)).toBe(code.body.code);
	});

	it('verifies a business number with the code (hyphenated, as the SMS shows it) and marks it VERIFIED', async () => {
		await requestCode(UNVERIFIED_NUMBER_ID);
		const code = sandbox.latestCode(UNVERIFIED_NUMBER_ID)!;
		const verified = await graph(`/${UNVERIFIED_NUMBER_ID}/verify_code?code=${code.slice(0, 3)}-${code.slice(3)}`, { method: 'POST' });
		expect(verified.body).toEqual({ success: true });
		expect((await graph(`/${UNVERIFIED_NUMBER_ID}?fields=code_verification_status`)).body.code_verification_status).toBe('VERIFIED');
		expect((await dev(`/codes/${UNVERIFIED_NUMBER_ID}`)).status).toBe(404);
	});

	it('accepts request_code and verify_code parameters in a JSON or form body', async () => {
		await graph(`/${UNVERIFIED_NUMBER_ID}/request_code`, { method: 'POST', json: { code_method: 'VOICE', language: 'en' } });
		const code = sandbox.latestCode(UNVERIFIED_NUMBER_ID)!;
		expect((await graph(`/${UNVERIFIED_NUMBER_ID}/verify_code`, { method: 'POST', form: { code } })).body).toEqual({ success: true });
	});

	it('refuses a wrong code with 136025 and a request without code_method with 100', async () => {
		await requestCode(UNVERIFIED_NUMBER_ID);
		const wrong = sandbox.latestCode(UNVERIFIED_NUMBER_ID) === '000000' ? '111111' : '000000';
		const error = graphError(await graph(`/${UNVERIFIED_NUMBER_ID}/verify_code?code=${wrong}`, { method: 'POST' }));
		expect(error).toMatchObject({ code: 136025 });
		expect(error.error_data?.details).toContain('incorrect');
		expect(graphError(await graph(`/${UNVERIFIED_NUMBER_ID}/request_code?language=en_US`, { method: 'POST' })).code).toBe(100);
		expect(graphError(await graph(`/${POOL.addedNotVerified}/verify_code?code=123456`, { method: 'POST' })).code).toBe(136025);
	});

	it('verifying a pre-verified number sets code_verification_time and a verification_expiry_time 90 days later', async () => {
		await requestCode(POOL.addedNotVerified);
		await graph(`/${POOL.addedNotVerified}/verify_code?code=${sandbox.latestCode(POOL.addedNotVerified)}`, { method: 'POST' });
		const entry = await graph(`/${POOL.addedNotVerified}?fields=code_verification_status,code_verification_time,verification_expiry_time`);
		expect(entry.body.code_verification_status).toBe('VERIFIED');
		expect(entry.body.code_verification_time).toMatch(/^2026-03-01T12:00:\d{2}\+0000$/);
		expect(entry.body.verification_expiry_time).toMatch(/^2026-05-30T12:00:\d{2}\+0000$/);
	});

	it('refuses re-verification before the 45-day window with 136024 naming when it opens, and allows it inside', async () => {
		const refused = graphError(await requestCode(POOL.verified5DaysAgo));
		expect(refused.code).toBe(136024);
		expect(refused.error_data?.details).toContain(`window opens at ${graphTimeAt(40)}`);
		expect(sandbox.latestCode(POOL.verified5DaysAgo)).toBeUndefined();

		// 50 days after verification, 40 days remain: inside the window.
		expect((await requestCode(POOL.verified50DaysAgo)).body).toEqual({ success: true });

		await dev('/clock', { advanceDays: 40 });
		expect((await requestCode(POOL.verified5DaysAgo)).body).toEqual({ success: true });
		await graph(`/${POOL.verified5DaysAgo}/verify_code?code=${sandbox.latestCode(POOL.verified5DaysAgo)}`, { method: 'POST' });
		const entry = await graph(`/${POOL.verified5DaysAgo}?fields=verification_expiry_time`);
		expect(entry.body.verification_expiry_time).toMatch(/^2026-07-09T12:0\d:\d{2}\+0000$/);
	});

	it('reads a verified number as EXPIRED once its 90 days pass, and lets it be verified again', async () => {
		const before = await graph(`/${POOL.verified80DaysAgo}?fields=code_verification_status,verification_expiry_time`);
		expect(before.body).toMatchObject({ code_verification_status: 'VERIFIED', verification_expiry_time: graphTimeAt(10) });
		const clock = await dev('/clock', { advanceDays: 11 });
		expect(clock.body.now).toMatch(/^2026-03-12T12:00/);
		const after = await graph(`/${POOL.verified80DaysAgo}?fields=code_verification_status,verification_expiry_time`);
		expect(after.body).toMatchObject({ code_verification_status: 'EXPIRED', verification_expiry_time: graphTimeAt(10) });
		expect((await requestCode(POOL.verified80DaysAgo)).body).toEqual({ success: true });
	});

	it('removes a number never verified 90 days after it was added', async () => {
		expect((await graph(`/${POOL.addedNotVerified85DaysAgo}`)).status).toBe(200);
		sandbox.advance({ days: 5 });
		expect(graphError(await graph(`/${POOL.addedNotVerified85DaysAgo}`))).toMatchObject({ code: 100, error_subcode: 33 });
		const pool = await graph(`/${BUSINESS_ID}/preverified_numbers?fields=id`);
		expect(pool.body.data.map((entry: { id: string }) => entry.id)).not.toContain(POOL.addedNotVerified85DaysAgo);
	});

	it('adds a number to the pool, shares it and deletes it', async () => {
		const added = await graph(`/${BUSINESS_ID}/add_phone_numbers?phone_number=15550783881`, { method: 'POST' });
		expect(added.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
		const entry = await graph(`/${added.body.id}?fields=id,phone_number,code_verification_status`);
		expect(entry.body).toEqual({ id: added.body.id, phone_number: '15550783881', code_verification_status: 'NOT_VERIFIED' });
		expect(graphError(await graph(`/${BUSINESS_ID}/add_phone_numbers?phone_number=15550783881`, { method: 'POST' })).code).toBe(100);
		expect(graphError(await graph(`/${BUSINESS_ID}/add_phone_numbers?phone_number=12`, { method: 'POST' })).code).toBe(100);

		const share = `/${BUSINESS_ID}/share_preverified_numbers?partner_business_id=${BUSINESS_ID}&preverified_id=${added.body.id}`;
		expect((await graph(share, { method: 'POST' })).body).toEqual({ success: true });
		expect((await graph(`/${added.body.id}/partners`)).body.data).toEqual([{ id: BUSINESS_ID, name: 'Acme Onboarding Partners' }]);
		expect((await graph(share, { method: 'DELETE' })).body).toEqual({ success: true });
		expect((await graph(`/${added.body.id}/partners`)).body.data).toEqual([]);

		expect((await graph(`/${added.body.id}`, { method: 'DELETE' })).body).toEqual({ success: true });
		expect((await graph(`/${added.body.id}`)).status).toBe(400);
	});

	it('claiming (Embedded Signup stand-in) creates a VERIFIED number on the WABA, findable by display_phone_number', async () => {
		sandbox.advance({ hours: 1 });
		const claimed = await dev('/claim', { preverified_id: POOL.verified10DaysAgo, waba_id: CLIENT_WABA_ID, verified_name: 'Jasper Deli' });
		expect(claimed.status).toBe(200);
		expect(claimed.body).toMatchObject({ display_phone_number: '+1 211-555-5105', code_verification_status: 'VERIFIED', waba_id: CLIENT_WABA_ID });

		const found = await graph(
			`/${CLIENT_WABA_ID}/phone_numbers?display_phone_number=12115555105&fields=id,display_phone_number,verified_name,code_verification_status,status,last_onboarded_time,is_preverified_number`,
		);
		expect(found.body.data).toEqual([
			{
				id: claimed.body.id,
				display_phone_number: '+1 211-555-5105',
				verified_name: 'Jasper Deli',
				code_verification_status: 'VERIFIED',
				status: 'PENDING',
				last_onboarded_time: expect.stringMatching(/^2026-03-01T13:00:\d{2}\+0000$/),
				is_preverified_number: true,
			},
		]);
		// Newest onboarded first: the claimed number leads the WABA's list.
		expect((await graph(`/${CLIENT_WABA_ID}/phone_numbers?fields=id`)).body.data[0].id).toBe(claimed.body.id);
		expect((await dev('/claim', { preverified_id: POOL.verified10DaysAgo, waba_id: CLIENT_WABA_ID, verified_name: 'Again' })).status).toBe(400);

		const registered = await graph(`/${claimed.body.id}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: '654321' } });
		expect(registered.body).toEqual({ success: true });
	});

	it('a claimed number not registered within 90 days reverts to NOT_VERIFIED', async () => {
		const claimed = sandbox.claim({ preverified_id: POOL.verified20DaysAgo, waba_id: OWNED_WABA_ID, verified_name: 'Acme Late' });
		sandbox.advance({ days: 91 });
		expect((await graph(`/${claimed.id}?fields=code_verification_status`)).body.code_verification_status).toBe('NOT_VERIFIED');
	});

	it('gives the facts the registration deadline rests on: a claimed number reads is_preverified_number and onboarding at the claim, a created one does not', async () => {
		const claimed = sandbox.claim({ preverified_id: POOL.verified20DaysAgo, waba_id: OWNED_WABA_ID, verified_name: 'Acme Claimed' });
		const created = await graph(`/${OWNED_WABA_ID}/phone_numbers`, { method: 'POST', json: { cc: '44', phone_number: '7700900124', verified_name: 'Acme UK' } });
		const read = async (id: string) => (await graph(`/${id}?fields=status,last_onboarded_time,is_preverified_number`)).body;

		expect(await read(claimed.id)).toEqual({ id: claimed.id, status: 'PENDING', last_onboarded_time: claimed.last_onboarded_time, is_preverified_number: true });
		expect(await read(created.body.id)).toMatchObject({ status: 'PENDING', last_onboarded_time: claimed.last_onboarded_time, is_preverified_number: false });
	});

	it('POST /<WABA_ID>/phone_numbers with preverified_id claims; with cc and phone_number it creates an unverified number', async () => {
		const fromPool = await graph(`/${OWNED_WABA_ID}/phone_numbers`, {
			method: 'POST',
			json: { preverified_id: POOL.verified20DaysAgo, country_dial_code: '1', display_phone_number: '2115555102', verified_name: 'Acme Two' },
		});
		expect(fromPool.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
		expect((await graph(`/${fromPool.body.id}?fields=display_phone_number,code_verification_status,is_preverified_number`)).body).toMatchObject({
			display_phone_number: '+1 211-555-5102',
			code_verification_status: 'VERIFIED',
			is_preverified_number: true,
		});

		const lapsed = await graph(`/${OWNED_WABA_ID}/phone_numbers`, { method: 'POST', json: { preverified_id: POOL.lapsed, verified_name: 'Acme Lapsed' } });
		expect((await graph(`/${lapsed.body.id}?fields=code_verification_status`)).body.code_verification_status).toBe('NOT_VERIFIED');

		const created = await graph(`/${OWNED_WABA_ID}/phone_numbers`, { method: 'POST', json: { cc: '44', phone_number: '7700900123', verified_name: 'Acme UK' } });
		expect((await graph(`/${created.body.id}?fields=display_phone_number,code_verification_status,status,country_code`)).body).toMatchObject({
			display_phone_number: '+44 7700 900123',
			code_verification_status: 'NOT_VERIFIED',
			status: 'PENDING',
			country_code: 'GB',
		});
		expect(graphError(await graph(`/${OWNED_WABA_ID}/phone_numbers`, { method: 'POST', json: { cc: '1' } })).code).toBe(100);
		const duplicate = await graph(`/${OWNED_WABA_ID}/phone_numbers`, { method: 'POST', json: { cc: '44', phone_number: '7700900123', verified_name: 'Again' } });
		expect(graphError(duplicate).code).toBe(200000);
	});

	it('moves the clock with {"now": iso} and reports it', async () => {
		expect((await dev('/clock', { now: '2026-06-01T00:00:00Z' })).body.now).toMatch(/^2026-06-01T00:00:0\d\+0000$/);
		expect((await dev('/clock')).body.now).toMatch(/^2026-06-01T00:00/);
		expect(sandbox.now().toISOString()).toMatch(/^2026-06-01T00:00/);
	});
});

describe('Graph sandbox: re-verification across a generated pool', () => {
	const { graph, sandbox } = useSandbox();

	it('accepts request_code for exactly the numbers inside their window and refuses the rest with 136024', async () => {
		const { generateFixture } = await import('../../dev/sandbox/fixtures/generate');
		sandbox.reset(generateFixture({ phoneNumbers: 0, preVerified: 30, dueForReverification: 10 }));
		const pool = await graph(`/${BUSINESS_ID}/preverified_numbers?limit=100&fields=id,code_verification_status`);
		expect(pool.body.data).toHaveLength(30);
		const outcomes = await Promise.all(
			pool.body.data.map(async (entry: { id: string }) => {
				const response = await graph(`/${entry.id}/request_code?code_method=SMS&language=en_US`, { method: 'POST' });
				return response.status === 200 ? 'requested' : response.body.error.code;
			}),
		);
		expect(outcomes.filter((outcome) => outcome === 'requested')).toHaveLength(10);
		expect(outcomes.filter((outcome) => outcome === 136024)).toHaveLength(20);
	});
});
