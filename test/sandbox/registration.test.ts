import {
	CLAIMED_PENDING_NUMBER_ID,
	CONNECTED_NUMBER_ID,
	CONNECTED_NUMBER_PIN,
	UNVERIFIED_NUMBER_ID,
	graphError,
	useSandbox,
} from './helpers';

describe('Graph sandbox: register, deregister, two-step PIN and settings', () => {
	const { graph, sandbox } = useSandbox();

	const register = (id: string, pin: string, extra: Record<string, unknown> = {}) =>
		graph(`/${id}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin, ...extra } });
	const deregister = (id: string) => graph(`/${id}/deregister`, { method: 'POST' });
	const status = async (id: string) => (await graph(`/${id}?fields=status,is_pin_enabled,platform_type`)).body;

	it('registers a verified number: CONNECTED, the PIN becomes its two-step PIN', async () => {
		expect((await register(CLAIMED_PENDING_NUMBER_ID, '123456')).body).toEqual({ success: true });
		expect(await status(CLAIMED_PENDING_NUMBER_ID)).toEqual({ id: CLAIMED_PENDING_NUMBER_ID, status: 'CONNECTED', is_pin_enabled: true, platform_type: 'CLOUD_API' });
		expect((await deregister(CLAIMED_PENDING_NUMBER_ID)).body).toEqual({ success: true });
		expect((await status(CLAIMED_PENDING_NUMBER_ID)).status).toBe('DISCONNECTED');
		expect(graphError(await register(CLAIMED_PENDING_NUMBER_ID, '999999')).code).toBe(133005);
		expect((await register(CLAIMED_PENDING_NUMBER_ID, '123456')).body).toEqual({ success: true });
	});

	it('refuses to register an unverified number with 133006, and registers it once verified', async () => {
		const error = graphError(await register(UNVERIFIED_NUMBER_ID, '123456'));
		expect(error.code).toBe(133006);
		await graph(`/${UNVERIFIED_NUMBER_ID}/request_code?code_method=SMS&language=en_US`, { method: 'POST' });
		await graph(`/${UNVERIFIED_NUMBER_ID}/verify_code?code=${sandbox.latestCode(UNVERIFIED_NUMBER_ID)}`, { method: 'POST' });
		expect((await register(UNVERIFIED_NUMBER_ID, '123456')).body).toEqual({ success: true });
	});

	it('refuses a PIN other than the two-step PIN with 133005', async () => {
		const error = graphError(await register(CONNECTED_NUMBER_ID, '000000'));
		expect(error).toMatchObject({ code: 133005, message: 'Two step verification PIN Mismatch' });
		expect((await register(CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN)).body).toEqual({ success: true });
	});

	it('sets the two-step PIN with POST /<PHONE_NUMBER_ID> {pin}', async () => {
		expect((await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { pin: '112233' } })).body).toEqual({ success: true });
		expect(graphError(await register(CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN)).code).toBe(133005);
		expect((await register(CONNECTED_NUMBER_ID, '112233')).body).toEqual({ success: true });
		expect(graphError(await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { pin: '12ab' } })).code).toBe(100);
	});

	it('checks register parameters with error 100', async () => {
		expect(graphError(await register(CONNECTED_NUMBER_ID, '12345')).code).toBe(100);
		expect(graphError(await graph(`/${CONNECTED_NUMBER_ID}/register`, { method: 'POST', json: { pin: CONNECTED_NUMBER_PIN } })).code).toBe(100);
		expect(graphError(await register(CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN, { data_localization_region: 'XX' })).code).toBe(100);
		expect((await register(CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN, { data_localization_region: 'DE' })).body).toEqual({ success: true });
		expect((await graph(`/${CONNECTED_NUMBER_ID}/settings`)).body.storage_configuration).toEqual({
			status: 'IN_COUNTRY_STORAGE_ENABLED',
			data_localization_region: 'DE',
		});
	});

	it('allows 10 register/deregister calls in 72 hours, refuses the 11th with 133016, and allows again 72 hours later', async () => {
		for (let call = 1; call <= 10; call++) {
			const response = call % 2 ? await register(CLAIMED_PENDING_NUMBER_ID, '123456') : await deregister(CLAIMED_PENDING_NUMBER_ID);
			expect(response.body).toEqual({ success: true });
			sandbox.advance({ hours: 1 });
		}
		const refused = graphError(await register(CLAIMED_PENDING_NUMBER_ID, '123456'));
		expect(refused.code).toBe(133016);
		expect(graphError(await deregister(CLAIMED_PENDING_NUMBER_ID)).code).toBe(133016);

		sandbox.advance({ hours: 71 });
		expect(graphError(await register(CLAIMED_PENDING_NUMBER_ID, '123456')).code).toBe(133016);
		sandbox.advance({ hours: 1 });
		expect((await register(CLAIMED_PENDING_NUMBER_ID, '123456')).body).toEqual({ success: true });
		// The limit is per number: another number is unaffected.
		expect((await register(CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN)).body).toEqual({ success: true });
	});

	it('reads and writes settings: identity check, calling, storage configuration, one feature per call', async () => {
		const initial = await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`);
		expect(initial.body).toEqual({
			user_identity_change: { enable_identity_key_check: false },
			calling: { status: 'DISABLED' },
			storage_configuration: { status: 'DEFAULT' },
		});
		const enable = await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`, {
			method: 'POST',
			json: { user_identity_change: { enable_identity_key_check: true } },
		});
		expect(enable.body).toEqual({ success: true });
		expect((await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`)).body.user_identity_change).toEqual({ enable_identity_key_check: true });

		// OpenAPI's spelling `{enabled}` works as well.
		await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`, { method: 'POST', json: { user_identity_change: { enabled: false } } });
		expect((await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`)).body.user_identity_change).toEqual({ enable_identity_key_check: false });

		await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`, { method: 'POST', json: { calling: { status: 'ENABLED' } } });
		expect((await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`)).body.calling).toEqual({ status: 'ENABLED' });

		const two = await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`, {
			method: 'POST',
			json: { calling: { status: 'DISABLED' }, user_identity_change: { enable_identity_key_check: true } },
		});
		expect(graphError(two).code).toBe(100);
		const notBoolean = await graph(`/${CLAIMED_PENDING_NUMBER_ID}/settings`, {
			method: 'POST',
			json: { user_identity_change: { enable_identity_key_check: 'maybe' } },
		});
		expect(graphError(notBoolean).code).toBe(100);
	});
});
