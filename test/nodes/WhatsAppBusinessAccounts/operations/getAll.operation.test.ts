import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { BUSINESS_ID, byId, CLIENT_PATH, CLIENT_WABA_ID, DEFAULT_FIELDS, NODE_TYPE, OWNED_PATH, page, WABA_ID, waba } from '../fixtures';

isolateNetwork();

function getMany(parameters: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getAll', businessId: byId(BUSINESS_ID), ...parameters },
		credentials: testCredentials,
	});
}

const owned = waba(WABA_ID, 'Acme Support');
const client = waba(CLIENT_WABA_ID, "Jasper's Market", { business_verification_status: 'not_verified' });

describe('WhatsApp Business Accounts: Get Many', () => {
	it('lists owned WABAs, then client WABAs, each marked with its relation and business', async () => {
		graphApi().get(OWNED_PATH).query({ fields: DEFAULT_FIELDS, limit: '50' }).reply(200, page([owned]));
		graphApi().get(CLIENT_PATH).query({ fields: DEFAULT_FIELDS, limit: '49' }).reply(200, page([client]));

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ ...owned, wabaId: WABA_ID, relation: 'owned', businessId: BUSINESS_ID },
			{ ...client, wabaId: CLIENT_WABA_ID, relation: 'client', businessId: BUSINESS_ID },
		]);
	});

	it('with Return All follows the cursors of both lists, 100 a page', async () => {
		const manyOwned = Array.from({ length: 100 }, (_, index) => waba(String(300000 + index), `Owned ${index}`));
		graphApi().get(OWNED_PATH).query({ fields: DEFAULT_FIELDS, limit: '100' }).reply(200, page(manyOwned, 'O1'));
		graphApi().get(OWNED_PATH).query({ fields: DEFAULT_FIELDS, limit: '100', after: 'O1' }).reply(200, page([owned]));
		graphApi().get(CLIENT_PATH).query({ fields: DEFAULT_FIELDS, limit: '100' }).reply(200, page([client]));

		const { items, error } = await getMany({ returnAll: true });

		expect(error).toBeUndefined();
		const output = jsonOf(items);
		expect(output).toHaveLength(102);
		expect(output.slice(-2).map(({ id, relation }) => [id, relation])).toEqual([
			[WABA_ID, 'owned'],
			[CLIENT_WABA_ID, 'client'],
		]);
	});

	it('stops at the limit without asking for client WABAs when the owned ones fill it', async () => {
		graphApi().get(OWNED_PATH).query({ fields: DEFAULT_FIELDS, limit: '1' }).reply(200, page([owned], 'O1'));

		const { items, error } = await getMany({ limit: 1 });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...owned, wabaId: WABA_ID, relation: 'owned', businessId: BUSINESS_ID }]);
	});

	it('lists only client WABAs when asked, with the chosen fields and a health summary', async () => {
		const health = {
			can_send_message: 'LIMITED',
			entities: [
				{
					entity_type: 'WABA',
					id: CLIENT_WABA_ID,
					can_send_message: 'LIMITED',
					errors: [{ error_code: 141006, error_description: 'There is an error with the payment method.', possible_solution: 'Add a new payment method.' }],
				},
			],
		};
		graphApi()
			.get(CLIENT_PATH)
			.query({ fields: 'id,name,health_status', limit: '50' })
			.reply(200, page([{ id: CLIENT_WABA_ID, name: "Jasper's Market", health_status: health }]));

		const { items, error } = await getMany({ ownership: 'client', options: { fields: ['id', 'name', 'health_status'] } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				id: CLIENT_WABA_ID,
				name: "Jasper's Market",
				health_status: health,
				wabaId: CLIENT_WABA_ID,
				relation: 'client',
				businessId: BUSINESS_ID,
				healthSummary:
					"WABA Jasper's Market (104996122399160) can send messages, with limits (LIMITED): WABA 104996122399160: There is an error with the payment method (error 141006). Fix: Add a new payment method.",
			},
		]);
	});

	it('keeps a WABA that is both owned and shared once, as owned', async () => {
		graphApi().get(OWNED_PATH).query({ fields: DEFAULT_FIELDS, limit: '50' }).reply(200, page([owned]));
		graphApi().get(CLIENT_PATH).query({ fields: DEFAULT_FIELDS, limit: '49' }).reply(200, page([owned, client]));

		const { items, error } = await getMany();

		expect(error).toBeUndefined();
		expect(jsonOf(items).map(({ id, relation }) => [id, relation])).toEqual([
			[WABA_ID, 'owned'],
			[CLIENT_WABA_ID, 'client'],
		]);
	});

	it('refuses a business portfolio ID with letters before any request', async () => {
		const { items, error } = await getMany({ businessId: byId('={{ "acme" }}') });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Business Portfolio must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toMatch(/^Received "acme"\. Correct the "Business Portfolio" field/);
	});
});
