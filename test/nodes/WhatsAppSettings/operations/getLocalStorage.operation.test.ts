import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings, SETTINGS } from '../fixtures';

isolateNetwork();

describe('WhatsApp Settings: Get Local Storage', () => {
	it("reads /<PHONE_NUMBER_ID>/settings and outputs one item: Graph's settings as sent, and beside them on, the region, the number", async () => {
		const answer = { ...SETTINGS, storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' } };
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/settings`)).query({}).reply(200, answer);

		const { items, error } = await runSettings({ operation: 'getLocalStorage', phoneNumberId });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ ...answer, localStorageEnabled: true, status: 'IN_COUNTRY_STORAGE_ENABLED', dataLocalizationRegion: 'DE', phoneNumberId: PHONE_NUMBER_ID },
		]);
	});

	it.each([
		['DEFAULT', { status: 'DEFAULT' }],
		["the reference's lowercase", { status: 'default' }],
		['no storage configuration at all', undefined],
	])('reads %s as off, without a region', async (_case, storage_configuration) => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}/settings`))
			.query({})
			.reply(200, { ...SETTINGS, storage_configuration });

		const { items } = await runSettings({ operation: 'getLocalStorage', phoneNumberId });

		expect(jsonOf(items)).toEqual([
			{ ...SETTINGS, storage_configuration, localStorageEnabled: false, status: 'DEFAULT', dataLocalizationRegion: null, phoneNumberId: PHONE_NUMBER_ID },
		]);
	});
});
