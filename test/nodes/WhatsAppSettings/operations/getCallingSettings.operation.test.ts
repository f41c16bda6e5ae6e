import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings, SETTINGS } from '../fixtures';

isolateNetwork();

const settingsPath = graphPath(`/${PHONE_NUMBER_ID}/settings`);

describe('WhatsApp Settings: Get Calling Settings', () => {
	it("outputs Graph's calling object as it comes, whether calling is on, and the number (never asking for SIP credentials)", async () => {
		const calling = {
			status: 'ENABLED',
			call_icon_visibility: 'DEFAULT',
			callback_permission_status: 'ENABLED',
			call_hours: { status: 'ENABLED', timezone_id: 'Europe/Berlin', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1700' }] },
			sip: { status: 'DISABLED' },
		};
		graphApi().get(settingsPath).query({}).reply(200, { ...SETTINGS, calling });

		const { run, items, error } = await runSettings({ operation: 'getCallingSettings', phoneNumberId });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ calling, callingEnabled: true, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('reads calling off when Graph sends no calling object', async () => {
		graphApi().get(settingsPath).query({}).reply(200, { storage_configuration: { status: 'DEFAULT' } });

		const { items } = await runSettings({ operation: 'getCallingSettings', phoneNumberId });

		expect(jsonOf(items)).toEqual([{ calling: {}, callingEnabled: false, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('explains a missing permission', async () => {
		graphApi().get(settingsPath).query({}).reply(403, graphErrorBody(200, '(#200) Permissions error'));

		const { error } = await runSettings({ operation: 'getCallingSettings', phoneNumberId });

		expect(error?.message).toBe('The access token lacks a permission for this object ((#200) Permissions error)');
	});
});
