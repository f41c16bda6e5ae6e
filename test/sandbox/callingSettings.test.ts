import { CONNECTED_NUMBER_ID, graphError, useSandbox } from './helpers';

/** A connected number of the client WABA, whose owner's portfolio has the older 1,000 limit. */
const CLIENT_NUMBER_ID = '1906385232743451';

describe('Graph sandbox: calling settings', () => {
	const { graph, sandbox } = useSandbox();

	const callingOf = async (id: string) => (await graph(`/${id}/settings`)).body.calling;
	const update = (id: string, calling: unknown) => graph(`/${id}/settings`, { method: 'POST', json: { calling } });

	it('changes only the fields sent, replaces call_hours whole, and reads them back', async () => {
		expect(await callingOf(CONNECTED_NUMBER_ID)).toEqual({ status: 'DISABLED' });

		expect((await update(CONNECTED_NUMBER_ID, { status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL' })).body).toEqual({ success: true });
		const hours = { status: 'ENABLED', timezone_id: 'Europe/Berlin', weekly_operating_hours: [{ day_of_week: 'MONDAY', open_time: '0900', close_time: '1700' }] };
		await update(CONNECTED_NUMBER_ID, { call_hours: hours });
		await update(CONNECTED_NUMBER_ID, { call_hours: { status: 'DISABLED' } });

		expect(await callingOf(CONNECTED_NUMBER_ID)).toEqual({ status: 'ENABLED', call_icon_visibility: 'DISABLE_ALL', call_hours: { status: 'DISABLED' } });
	});

	it('reads the portfolio messaging limit on the number, the deprecated tier beside it', async () => {
		const number = (await graph(`/${CONNECTED_NUMBER_ID}?fields=whatsapp_business_manager_messaging_limit,messaging_limit_tier`)).body;
		expect(number).toEqual({ id: CONNECTED_NUMBER_ID, whatsapp_business_manager_messaging_limit: 'TIER_2K', messaging_limit_tier: 'TIER_10K' });
	});

	it('refuses to enable calling under a 2,000 limit (138015) and on an ineligible number (100), changing nothing', async () => {
		const lowLimit = graphError(await update(CLIENT_NUMBER_ID, { status: 'ENABLED' }));
		expect(lowLimit.code).toBe(138015);
		expect(lowLimit.message).toMatch(/messaging limit is below 2000/);

		sandbox.world.phones.get(CONNECTED_NUMBER_ID).sandbox.callingEligible = false;
		const ineligible = graphError(await update(CONNECTED_NUMBER_ID, { status: 'ENABLED' }));
		expect(ineligible.code).toBe(100);
		expect(ineligible.message).toMatch(/not eligible/);

		expect(await callingOf(CLIENT_NUMBER_ID)).toEqual({ status: 'DISABLED' });
		expect(await callingOf(CONNECTED_NUMBER_ID)).toEqual({ status: 'DISABLED' });
	});

	it.each([
		['an unknown status', { status: 'ON' }, /calling\[status\] must be one of \{ENABLED, DISABLED\}/],
		['an unknown icon visibility', { call_icon_visibility: 'HIDDEN' }, /call_icon_visibility\] must be one of \{DEFAULT, DISABLE_ALL\}/],
		['call hours without a time zone', { call_hours: { status: 'ENABLED' } }, /timezone_id\] is required/],
	])('refuses %s with error 100', async (_case, calling, message) => {
		const error = graphError(await update(CONNECTED_NUMBER_ID, calling));
		expect(error.code).toBe(100);
		expect(error.message).toMatch(message);
	});
});
