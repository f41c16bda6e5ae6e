import * as fs from 'node:fs';

import { DEFAULT_FIXTURE } from '../../dev/sandbox/server';
import { CLIENT_WABA_ID, CONNECTED_NUMBER_ID, OWNED_WABA_ID, useSandbox } from './helpers';

/** The other Solution Partner's WABA of the default world and its two registered numbers. */
const SOURCE_WABA_ID = '105500112233445';
const TWO_STEP_OFF_NUMBER_ID = '110011223344556';

describe('Graph sandbox: migrating a number from another WABA', () => {
	const { graph, dev, sandbox } = useSandbox();

	const migrate = (wabaId: string, phoneNumber: string) =>
		graph(`/${wabaId}/phone_numbers`, { method: 'POST', json: { cc: '1', phone_number: phoneNumber, migrate_phone_number: true } });
	const numbersOf = async (wabaId: string) =>
		((await graph(`/${wabaId}/phone_numbers?fields=id`)).body.data as Array<{ id: string }>).map(({ id }) => id);
	/** Meta's guide: the app is subscribed to the destination WABA's webhooks before a migration. */
	const subscribeApp = (wabaId: string) => graph(`/${wabaId}/subscribed_apps`, { method: 'POST' });

	beforeEach(async () => {
		await subscribeApp(OWNED_WABA_ID);
		await subscribeApp(CLIENT_WABA_ID);
		await dev('/calls/reset', {});
	});

	it('moves a number whose two-step verification is off, which then verifies and registers in its new WABA', async () => {
		const migrated = await migrate(OWNED_WABA_ID, '6315557001');
		expect(migrated.body).toEqual({ id: TWO_STEP_OFF_NUMBER_ID });
		expect(await numbersOf(OWNED_WABA_ID)).toContain(TWO_STEP_OFF_NUMBER_ID);
		expect(await numbersOf(SOURCE_WABA_ID)).not.toContain(TWO_STEP_OFF_NUMBER_ID);
		expect((await graph(`/${TWO_STEP_OFF_NUMBER_ID}?fields=status,code_verification_status,verified_name,quality_rating`)).body).toEqual({
			id: TWO_STEP_OFF_NUMBER_ID,
			status: 'PENDING',
			code_verification_status: 'NOT_VERIFIED',
			verified_name: 'Harbor Bakery',
			quality_rating: 'GREEN',
		});

		expect((await graph(`/${TWO_STEP_OFF_NUMBER_ID}/request_code?code_method=SMS&language=en_US`, { method: 'POST' })).body).toEqual({ success: true });
		const code = sandbox.latestCode(TWO_STEP_OFF_NUMBER_ID);
		expect((await graph(`/${TWO_STEP_OFF_NUMBER_ID}/verify_code?code=${code}`, { method: 'POST' })).body).toEqual({ success: true });
		expect(
			(await graph(`/${TWO_STEP_OFF_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: '654321' } })).body,
		).toEqual({ success: true });
		expect((await graph(`/${TWO_STEP_OFF_NUMBER_ID}?fields=status,is_pin_enabled`)).body).toEqual({
			id: TWO_STEP_OFF_NUMBER_ID,
			status: 'CONNECTED',
			is_pin_enabled: true,
		});

		expect((await dev('/calls')).body.endpoints).toMatchObject({
			'POST /{waba}/phone_numbers': 1,
			'POST /{phone_number}/request_code': 1,
			'POST /{phone_number}/verify_code': 1,
			'POST /{phone_number}/register': 1,
		});
	});

	it("refuses a number whose two-step verification is still on with Meta's text, and leaves it where it is", async () => {
		const refused = await migrate(OWNED_WABA_ID, '6315557002');
		expect(refused.status).toBe(400);
		expect(refused.body.error).toMatchObject({ code: 100, error_user_msg: 'Two-step authentication must be disabled for this phone number.' });
		expect(await numbersOf(SOURCE_WABA_ID)).toContain('110011223344557');
	});

	it('refuses a number already in the destination WABA with subcode 2388012', async () => {
		const refused = await migrate(OWNED_WABA_ID, '6315555555');
		expect(refused.body.error).toMatchObject({
			code: 100,
			error_subcode: 2388012,
			error_user_msg: 'The phone number you are trying to migrate is already present in your WhatsApp account.',
		});
		expect(await numbersOf(OWNED_WABA_ID)).toContain(CONNECTED_NUMBER_ID);
	});

	it('refuses a number that is on no WABA: it can be added directly', async () => {
		const refused = await migrate(OWNED_WABA_ID, '6315550999');
		expect(refused.body.error.error_user_msg).toBe('This phone number is eligible to be added directly, and does not need to use phone migration APIs.');
	});

	it("refuses a destination WABA whose business verification is not done (the client WABA's is not_verified)", async () => {
		const refused = await migrate(CLIENT_WABA_ID, '6315557001');
		expect(refused.body.error.error_user_msg).toMatch(/^Business verification must be completed/);
		expect(await numbersOf(SOURCE_WABA_ID)).toContain(TWO_STEP_OFF_NUMBER_ID);
	});

	it("refuses a destination WABA the app is not subscribed to with Meta's text, and leaves the number where it is", async () => {
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'DELETE' });

		const refused = await migrate(OWNED_WABA_ID, '6315557001');
		expect(refused.status).toBe(400);
		expect(refused.body.error).toMatchObject({ code: 100, error_user_msg: 'Webhooks have not been set up for the destination WhatsApp Business account.' });
		expect(await numbersOf(SOURCE_WABA_ID)).toContain(TWO_STEP_OFF_NUMBER_ID);
	});

	it('refuses a destination WABA that is not approved', async () => {
		const fixture = JSON.parse(fs.readFileSync(DEFAULT_FIXTURE, 'utf8'));
		fixture.wabas.find((waba: { id: string }) => waba.id === OWNED_WABA_ID).account_review_status = 'PENDING';
		await dev('/reset', { fixture });

		const refused = await migrate(OWNED_WABA_ID, '6315557001');
		expect(refused.body.error.error_user_msg).toBe('The destination WhatsApp Business account has not been approved (account_review_status PENDING).');
		expect((await dev('/calls')).body.endpoints).toEqual({ 'POST /{waba}/phone_numbers': 1 });
	});
});
