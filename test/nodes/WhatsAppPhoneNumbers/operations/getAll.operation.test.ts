import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import {
	addDaysIso,
	asOutput,
	byId,
	connectedNumber,
	DEFAULT_FIELDS,
	graphPage,
	graphTimeDaysAgo,
	NODE_TYPE,
	numbersFrom,
	WABA_ID,
} from '../fixtures';

isolateNetwork();

const LIST_PATH = graphPath(`/${WABA_ID}/phone_numbers`);

function getMany(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getAll', wabaId: byId(WABA_ID), returnAll: true, ...extra },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Many', () => {
	it('outputs one item per number, asking for the default fields with the largest page', async () => {
		const numbers = numbersFrom(1, 2);
		graphApi().get(LIST_PATH).query({ fields: DEFAULT_FIELDS, limit: '100' }).reply(200, graphPage(numbers, 'c1', { last: true }));

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(numbers.map(asOutput));
	});

	it('with Return All follows the cursors: a 3-page listing costs exactly 3 requests and returns every number', async () => {
		const pages = [numbersFrom(1, 100), numbersFrom(101, 100), numbersFrom(201, 20)];
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(200, graphPage(pages[0], 'cursor-1'))
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100', after: 'cursor-1' })
			.reply(200, graphPage(pages[1], 'cursor-2'))
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100', after: 'cursor-2' })
			.reply(200, graphPage(pages[2], 'cursor-3', { last: true }));

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		expect(items).toHaveLength(220);
		expect(jsonOf(items)).toEqual(pages.flat().map(asOutput));
	});

	it('with Limit 150 asks for 100 then 50 and stops at 150 without a further request', async () => {
		// The second page still offers a next page; any third request would find no mock and fail the run.
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(200, graphPage(numbersFrom(1, 100), 'cursor-1'))
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '50', after: 'cursor-1' })
			.reply(200, graphPage(numbersFrom(101, 50), 'cursor-2'));

		const { items, error } = await getMany({ returnAll: false, limit: 150 });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(numbersFrom(1, 150).map(asOutput));
	});

	it('with the default Limit of 50 makes one request for 50 numbers', async () => {
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '50' })
			.reply(200, graphPage(numbersFrom(1, 50), 'cursor-1'));

		const { items, error } = await getMany({ returnAll: false });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(50);
	});

	it('sorts oldest onboarded first with sort=["last_onboarded_time_ascending"]', async () => {
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100', sort: '["last_onboarded_time_ascending"]' })
			.reply(200, graphPage([connectedNumber(2), connectedNumber(1)], 'c1', { last: true }));

		const { items, error } = await getMany({ options: { sort: 'oldest' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([connectedNumber(2), connectedNumber(1)].map(asOutput));
	});

	it("sends no sort parameter for newest onboarded first, Graph's default order", async () => {
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(200, graphPage([connectedNumber(1)], 'c1', { last: true }));

		const { items, error } = await getMany({ options: { sort: 'newest' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([asOutput(connectedNumber(1))]);
	});

	it('filters by account mode with the documented filtering JSON', async () => {
		const sandboxNumber = { ...connectedNumber(1), account_mode: 'SANDBOX' };
		graphApi()
			.get(LIST_PATH)
			.query({
				fields: DEFAULT_FIELDS,
				limit: '100',
				filtering: '[{"field":"account_mode","operator":"EQUAL","value":"SANDBOX"}]',
			})
			.reply(200, graphPage([sandboxNumber], 'c1', { last: true }));

		const { items, error } = await getMany({ options: { accountMode: 'SANDBOX' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([asOutput(sandboxNumber)]);
	});

	it('narrows to one display phone number, sent as digits whatever the formatting', async () => {
		const number = { ...connectedNumber(1), display_phone_number: '+1 650-555-1234' };
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100', display_phone_number: '16505551234' })
			.reply(200, graphPage([number], 'c1', { last: true }));

		const { items, error } = await getMany({ options: { displayPhoneNumber: ' +1 (650) 555-1234 ' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([asOutput(number)]);
	});

	it('refuses a display phone number with letters before any request', async () => {
		const { items, error } = await getMany({ options: { displayPhoneNumber: '+1 650 CALL-NOW' } });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Display Phone Number may contain only digits, spaces, +, -, ( and )');
		expect(error?.description).toMatch(/Received "\+1 650 CALL-NOW"/);
	});

	it('asks for the chosen fields plus typed field names, keeping field expansion intact', async () => {
		const number = { id: '1', status: 'CONNECTED', health_status: { can_send_message: 'AVAILABLE' } };
		graphApi()
			.get(LIST_PATH)
			.query({ fields: 'id,status,health_status,webhook_configuration{application,url}', limit: '100' })
			.reply(200, graphPage([number], 'c1', { last: true }));

		const { items, error } = await getMany({
			options: { fields: ['id', 'status'], additionalFieldNames: 'health_status, webhook_configuration{application,url}, status' },
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...asOutput(number), healthSummary: 'Phone number 1 can send messages (AVAILABLE).' }]);
	});

	it('picks health_status from the Fields list and adds a one-line health summary per number', async () => {
		const limited = {
			id: '106850078877666',
			display_phone_number: '+1 631-555-5556',
			health_status: {
				can_send_message: 'LIMITED',
				entities: [
					{ entity_type: 'PHONE_NUMBER', id: '106850078877666', can_send_message: 'AVAILABLE' },
					{
						entity_type: 'WABA',
						id: '104996122399160',
						can_send_message: 'LIMITED',
						errors: [
							{ error_code: 141006, error_description: 'There is an error with the payment method.', possible_solution: 'Add a new payment method to the account.' },
						],
					},
				],
			},
		};
		graphApi()
			.get(LIST_PATH)
			.query({ fields: 'id,display_phone_number,health_status', limit: '100' })
			.reply(200, graphPage([limited], 'c1', { last: true }));

		const { items, error } = await getMany({ options: { fields: ['id', 'display_phone_number', 'health_status'] } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...asOutput(limited),
				healthSummary:
					'Phone number +1 631-555-5556 (106850078877666) can send messages, with limits (LIMITED): WABA 104996122399160: There is an error with the payment method (error 141006). Fix: Add a new payment method to the account.',
			},
		]);
	});

	it('adds the usual fields to typed field names when no field is chosen', async () => {
		graphApi()
			.get(LIST_PATH)
			.query({ fields: `${DEFAULT_FIELDS},is_pin_enabled`, limit: '100' })
			.reply(200, graphPage([connectedNumber(1)], 'c1', { last: true }));

		const { error } = await getMany({ options: { additionalFieldNames: 'is_pin_enabled' } });

		expect(error).toBeUndefined();
	});

	it('says by when a number not registered yet must be: 14 days after Embedded Signup, 90 after a pre-verified claim', async () => {
		const onboarded = graphTimeDaysAgo(3 - 1 / 24);
		const embedded = { id: '301', status: 'PENDING', last_onboarded_time: onboarded.graphTime, is_preverified_number: false };
		const claimed = { id: '304', status: 'PENDING', last_onboarded_time: onboarded.graphTime, is_preverified_number: true };
		const connected = { id: '302', status: 'CONNECTED', last_onboarded_time: onboarded.graphTime, is_preverified_number: true };
		// Registered once (its quality dropped, or it was deregistered): no onboarding deadline applies.
		const flagged = { id: '305', status: 'FLAGGED', last_onboarded_time: onboarded.graphTime, is_preverified_number: false };
		const disconnected = { id: '306', status: 'DISCONNECTED', last_onboarded_time: onboarded.graphTime, is_preverified_number: false };
		const neverOnboarded = { id: '303', status: 'PENDING' };
		graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(200, graphPage([embedded, claimed, connected, flagged, disconnected, neverOnboarded], 'c1', { last: true }));

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		const onboardedAt = onboarded.date.toISOString();
		expect(jsonOf(items)).toEqual([
			{
				...asOutput(embedded),
				registration: {
					rule: 'embeddedSignup',
					windowDays: 14,
					onboardedAt,
					claimedAt: null,
					registerBy: addDaysIso(onboarded.date, 14),
					daysUntilDeadline: 11,
					deadlinePassed: false,
					registered: false,
					summary: expect.stringMatching(/^Register by \d{4}-\d{2}-\d{2} \(in 11 days\), 14 days after Embedded Signup on /),
				},
			},
			{
				...asOutput(claimed),
				registration: {
					rule: 'preVerifiedClaim',
					windowDays: 90,
					onboardedAt,
					claimedAt: onboardedAt,
					registerBy: addDaysIso(onboarded.date, 90),
					daysUntilDeadline: 87,
					deadlinePassed: false,
					registered: false,
					summary: expect.stringMatching(/^Register by \d{4}-\d{2}-\d{2} \(in 87 days\), 90 days after it was claimed from the pre-verified pool on /),
				},
			},
			asOutput(connected),
			asOutput(flagged),
			asOutput(disconnected),
			asOutput(neverOnboarded),
		]);
	});

	it('refuses a WABA ID that is not numeric before any request', async () => {
		const { items, error } = await getMany({ wabaId: byId('={{ "my waba" }}') });

		expect(items).toEqual([]);
		expect(error?.message).toBe('WhatsApp Business Account must be a numeric Graph object ID, such as 106540352242922');
	});

	it('maps a Graph error to a NodeApiError that keeps fbtrace_id and never shows the token', async () => {
		graphApi()
			.get(LIST_PATH)
			.query(true)
			.reply(
				403,
				graphErrorBody(200, `Permissions error for token ${TEST_ACCESS_TOKEN}`, { fbtrace_id: 'AxYz_list_trace' }),
			);

		const { run, items, error } = await getMany();

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/lacks a permission/);
		expect(error?.description).toMatch(/fbtrace_id AxYz_list_trace/);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
		expect(nock.pendingMocks()).toEqual([]);
	});
});
