import { CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN, FLAGGED_NUMBER_ID, graphError, UNVERIFIED_NUMBER_ID, useSandbox } from './helpers';

const { graph } = useSandbox();

async function setStorage(phoneNumberId: string, storage_configuration: Record<string, unknown>) {
	return await graph(`/${phoneNumberId}/settings`, { method: 'POST', json: { storage_configuration } });
}

async function storageOf(phoneNumberId: string) {
	return (await graph(`/${phoneNumberId}/settings`)).body.storage_configuration;
}

describe('Graph sandbox: local storage', () => {
	it('turns local storage on with a region and off again on a number that is not registered', async () => {
		expect((await setStorage(UNVERIFIED_NUMBER_ID, { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' })).body).toEqual({ success: true });
		expect(await storageOf(UNVERIFIED_NUMBER_ID)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' });

		// Meta's guide turns it off with IN_COUNTRY_STORAGE_DISABLED; the state then reads DEFAULT.
		expect((await setStorage(UNVERIFIED_NUMBER_ID, { status: 'IN_COUNTRY_STORAGE_DISABLED' })).body).toEqual({ success: true });
		expect(await storageOf(UNVERIFIED_NUMBER_ID)).toEqual({ status: 'DEFAULT' });
		expect((await setStorage(UNVERIFIED_NUMBER_ID, { status: 'DEFAULT' })).body).toEqual({ success: true });
	});

	it('refuses the change on a registered number, and allows it after deregistering; the number registers again with it', async () => {
		for (const phoneNumberId of [CONNECTED_NUMBER_ID, FLAGGED_NUMBER_ID]) {
			const refused = graphError(await setStorage(phoneNumberId, { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' }));
			expect(refused.code).toBe(100);
			expect(refused.message).toMatch(/only be enabled or disabled while the phone number is not registered/);
			expect(await storageOf(phoneNumberId)).toEqual({ status: 'DEFAULT' });
		}

		expect((await graph(`/${CONNECTED_NUMBER_ID}/deregister`, { method: 'POST' })).body).toEqual({ success: true });
		expect((await setStorage(CONNECTED_NUMBER_ID, { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' })).body).toEqual({ success: true });
		const registered = await graph(`/${CONNECTED_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: CONNECTED_NUMBER_PIN } });
		expect(registered.body).toEqual({ success: true });
		expect(await storageOf(CONNECTED_NUMBER_ID)).toEqual({ status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' });
	});

	it('checks the status and the region with error 100', async () => {
		expect(graphError(await setStorage(UNVERIFIED_NUMBER_ID, { status: 'ON' })).message).toMatch(
			/status\] must be one of \{IN_COUNTRY_STORAGE_ENABLED, IN_COUNTRY_STORAGE_DISABLED, DEFAULT\}/,
		);
		expect(graphError(await setStorage(UNVERIFIED_NUMBER_ID, { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'US' })).message).toMatch(
			/data_localization_region\] must be one of \{AU, ID, IN, JP, SG, KR, DE, CH, GB, BR, BH, ZA, AE, CA\}/,
		);
	});
});
