import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, SETTINGS, runSettings } from '../fixtures';

isolateNetwork();

describe('WhatsApp Settings: Get Settings', () => {
	it('reads /<PHONE_NUMBER_ID>/settings and outputs them as Meta sends them, with the phone-number ID', async () => {
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/settings`)).query({}).reply(200, SETTINGS);

		const { items, error } = await runSettings({ operation: 'getSettings', phoneNumberId });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, ...SETTINGS }]);
	});

	it('runs with a number picked from the list without the WABA that only fills that list', async () => {
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/settings`)).query({}).reply(200, SETTINGS);

		const { items, error } = await runSettings({
			operation: 'getSettings',
			phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, ...SETTINGS }]);
	});
});
