import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings } from '../fixtures';

isolateNetwork();

const settingsPath = graphPath(`/${PHONE_NUMBER_ID}/settings`);

describe('WhatsApp Settings: Set Local Storage', () => {
	it('turns local storage on with the region and outputs one item: on, the region, the number', async () => {
		graphApi()
			.post(settingsPath, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'IN' } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await runSettings({
			operation: 'setLocalStorage',
			phoneNumberId,
			localStorage: 'enabled',
			dataLocalizationRegion: 'IN',
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, localStorageEnabled: true, dataLocalizationRegion: 'IN', phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it("turns it off with Meta's IN_COUNTRY_STORAGE_DISABLED and no region", async () => {
		graphApi()
			.post(settingsPath, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_DISABLED' } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await runSettings({
			operation: 'setLocalStorage',
			phoneNumberId,
			localStorage: 'disabled',
			dataLocalizationRegion: 'IN',
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, localStorageEnabled: false, dataLocalizationRegion: null, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('accepts a region from an expression in lower case and sends it in capitals', async () => {
		graphApi()
			.post(settingsPath, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'BR' } })
			.query({})
			.reply(200, { success: true });

		const { error } = await runSettings({ operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: '={{ "br" }}' });

		expect(error).toBeUndefined();
	});

	it('refuses a region Meta does not offer, naming the field and the regions, before any request', async () => {
		const { items, error } = await runSettings({ operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: '={{ "US" }}' });

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			"Data Localization Region must be one of Meta's local-storage regions: AU, BH, BR, CA, DE, IN, ID, JP, SG, ZA, KR, CH, AE, GB",
		);
		expect(error?.description).toBe('Received "US". Correct the "Data Localization Region" field and run the node again.');
	});

	it('refuses a Local Storage value other than On or Off from an expression before any request', async () => {
		const { items, error } = await runSettings({ operation: 'setLocalStorage', phoneNumberId, localStorage: '={{ "maybe" }}', dataLocalizationRegion: 'DE' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Local Storage must be enabled (On) or disabled (Off)');
	});

	it('turns Meta\'s refusal for a registered number into "deregister, set, register" with the register limit', async () => {
		graphApi()
			.post(settingsPath, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } })
			.query({})
			.reply(
				400,
				graphErrorBody(
					100,
					'(#100) Local storage can only be enabled or disabled while the phone number is not registered. Deregister the number, change the setting, then register it again.',
				),
			);

		const { items, error } = await runSettings({ operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: 'DE' });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Local storage can only be changed while the number is not registered \(\(#100\) Local storage can only/);
		expect(error?.description).toMatch(
			/^Deregister the number \(WhatsApp Phone Numbers › Deregister\), run Set Local Storage again, then register it \(WhatsApp Phone Numbers › Register\)\. Register and deregister share Meta's limit of 10 calls per number in 72 hours/,
		);
		expect(error?.description).toMatch(/Graph error 100, fbtrace_id AbCdEfGhIjK_fbtrace/);
	});

	it('keeps the general advice for another error 100', async () => {
		graphApi()
			.post(settingsPath, { storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } })
			.query({})
			.reply(400, graphErrorBody(100, '(#100) Param storage_configuration must be an object'));

		const { error } = await runSettings({ operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: 'DE' });

		expect(error?.message).toBe('Meta rejected a parameter of the request ((#100) Param storage_configuration must be an object)');
	});
});
