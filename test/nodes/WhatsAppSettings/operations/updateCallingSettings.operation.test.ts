import nock from 'nock';

import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings, SETTINGS } from '../fixtures';

isolateNetwork();

const settingsPath = graphPath(`/${PHONE_NUMBER_ID}/settings`);

function update(callingSettings: Record<string, unknown>) {
	return runSettings({ operation: 'updateCallingSettings', phoneNumberId, callingSettings });
}

/** Matches a body exactly: nothing but the fields the user added. */
function exactly(expected: object) {
	return (body: object) => JSON.stringify(body) === JSON.stringify(expected);
}

describe('WhatsApp Settings: Update Calling Settings', () => {
	it('sends only the added settings under calling, then reads the settings in force back', async () => {
		const inForce = { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'ENABLED' };
		graphApi().post(settingsPath, exactly({ calling: { status: 'ENABLED' } })).query({}).reply(200, { success: true });
		graphApi().get(settingsPath).query({}).reply(200, { ...SETTINGS, calling: inForce });

		const { items, error } = await update({ status: 'ENABLED' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, changed: ['status'], phoneNumberId: PHONE_NUMBER_ID, calling: inForce, callingEnabled: true },
		]);
	});

	it("maps every field to Meta's names: icon, countries, callback permission, call hours and SIP from JSON", async () => {
		const callHours = { status: 'ENABLED', timezone_id: 'America/Manaus', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0400', close_time: '1020' }], holiday_schedule: [{ date: '2026-01-01', start_time: '0000', end_time: '2359' }] };
		const sip = { status: 'ENABLED', servers: [{ hostname: 'sip.example.com', port: 5061 }] };
		const sent = {
			calling: {
				status: 'DISABLED',
				call_icon_visibility: 'DISABLE_ALL',
				call_icons: { restrict_to_user_countries: ['US', 'BR'] },
				callback_permission_status: 'DISABLED',
				call_hours: callHours,
				sip,
			},
		};
		graphApi().post(settingsPath, exactly(sent)).query({}).reply(200, { success: true });
		graphApi().get(settingsPath).query({}).reply(200, { calling: sent.calling });

		const { items, error } = await update({
			status: 'DISABLED',
			callIconVisibility: 'DISABLE_ALL',
			callIconCountries: 'us, BR',
			callbackPermissionStatus: 'DISABLED',
			callHours: JSON.stringify(callHours),
			sip: JSON.stringify(sip),
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({
			changed: ['status', 'call_icon_visibility', 'call_icons', 'callback_permission_status', 'call_hours', 'sip'],
			calling: sent.calling,
			callingEnabled: false,
		});
	});

	it.each([
		[{}, 'Settings to Change is empty', /Add at least one setting/],
		[{ callHours: '{"status": "ENABLED"' }, 'Call Hours (JSON) is not valid JSON', /Correct the "Call Hours \(JSON\)" field/],
		[{ callHours: '{"status": "ENABLED"}' }, 'Call Hours (JSON) needs timezone_id when status is ENABLED', /Received/],
		[{ callHours: '{"status": "ENABLED", "timezone_id": "UTC", "weekly_operating_hours": [{"day_of_week": "MONDAY", "open_time": "9:00", "close_time": "1700"}]}' }, 'Call Hours (JSON) must be a time as HHMM, such as 0900', /Received/],
		[{ callIconCountries: 'USA' }, 'Show Call Icon Only in Countries must be two-letter country codes separated by commas, such as US, BR', /Received "USA"/],
		[{ sip: '{"servers": []}' }, 'SIP (JSON) must be ENABLED or DISABLED', /Received/],
	])('refuses %j before any request', async (settings, message, description) => {
		const scope = graphApi().post(settingsPath).query(true).reply(200, { success: true });

		const { items, error } = await update(settings);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(description);
	});

	it('explains a messaging limit below 2,000 (138015) without reading back', async () => {
		graphApi()
			.post(settingsPath, { calling: { status: 'ENABLED' } })
			.query({})
			.reply(400, graphErrorBody(138015, 'Calling cannot be enabled: the business messaging limit is below 2000'));

		const { items, error } = await update({ status: 'ENABLED' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Calling needs a business messaging limit of at least 2,000 (Calling cannot be enabled: the business messaging limit is below 2000)');
		expect(error?.description).toMatch(/whatsapp_business_manager_messaging_limit.*then enable calling again/);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
	});

	it('explains a number Meta does not let call (error 100 naming eligibility)', async () => {
		graphApi()
			.post(settingsPath, { calling: { status: 'ENABLED' } })
			.query({})
			.reply(400, graphErrorBody(100, '(#100) This phone number is not eligible for the Calling API'));

		const { error } = await update({ status: 'ENABLED' });

		expect(error?.message).toBe('This phone number is not eligible for calling ((#100) This phone number is not eligible for the Calling API)');
		expect(error?.description).toMatch(/registered on Cloud API, and that calling is offered in its country/);
	});

	it('says the update went through when only the read-back fails', async () => {
		graphApi().post(settingsPath, { calling: { callback_permission_status: 'ENABLED' } }).query({}).reply(200, { success: true });
		graphApi().get(settingsPath).query({}).reply(403, graphErrorBody(200, '(#200) Permissions error'));

		const { error } = await update({ callbackPermissionStatus: 'ENABLED' });

		expect(error?.message).toBe('The calling settings were updated, but reading them back failed: The access token lacks a permission for this object ((#200) Permissions error)');
	});
});
