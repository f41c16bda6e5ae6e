import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { asOutput, byId, connectedNumber, DEFAULT_FIELDS, graphPage, NODE_TYPE, numbersFrom } from '../fixtures';

isolateNetwork();

const BUSINESS_ID = '506914307656634';
const OWNED_PATH = graphPath(`/${BUSINESS_ID}/owned_whatsapp_business_accounts`);
const CLIENT_PATH = graphPath(`/${BUSINESS_ID}/client_whatsapp_business_accounts`);
const WABA_LIST_QUERY = { fields: 'id,name,owner_business_info', limit: '100' };

interface Waba {
	id: string;
	name: string;
	owner_business_info?: IDataObject;
}
const waba = (index: number): Waba => ({ id: String(700000000000000 + index), name: `Client ${index}` });
const numbersPath = ({ id }: Waba) => graphPath(`/${id}/phone_numbers`);

/**
 * A number of a WABA as the node outputs it: Graph's object, `phoneNumberId`, its WABA and the
 * portfolio that owns the WABA (the one read, for an owned WABA without owner_business_info).
 */
function fromWaba(number: IDataObject, { id, name }: Waba, relation: 'owned' | 'client', portfolio = { portfolioId: relation === 'owned' ? BUSINESS_ID : null, portfolioName: null as string | null }) {
	return { ...asOutput(number), wabaId: id, wabaName: name, relation, businessId: BUSINESS_ID, ...portfolio };
}

/** Owned WABAs in the given pages (cursors o1, o2…), then client WABAs on one page. */
function listWabas(ownedPages: Waba[][], client: Waba[] = []) {
	ownedPages.forEach((wabas, index) => {
		const query = index === 0 ? WABA_LIST_QUERY : { ...WABA_LIST_QUERY, after: `o${index}` };
		const last = index === ownedPages.length - 1;
		graphApi().get(OWNED_PATH).query(query).reply(200, graphPage(wabas as unknown as IDataObject[], `o${index + 1}`, { last }));
	});
	graphApi().get(CLIENT_PATH).query(WABA_LIST_QUERY).reply(200, graphPage(client as unknown as IDataObject[], 'c1', { last: true }));
}

/** One page of a WABA's numbers; `after` is the cursor it was asked with, `next` the one it offers. */
function numbersPage(of: Waba, numbers: IDataObject[], { limit = '100', after, next }: { limit?: string; after?: string; next?: string } = {}) {
	return graphApi()
		.get(numbersPath(of))
		.query({ fields: DEFAULT_FIELDS, limit, ...(after ? { after } : {}) })
		.reply(200, graphPage(numbers, next ?? 'end', { last: !next }));
}

function acrossWabas(parameters: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getAllAcrossWabas', businessId: byId(BUSINESS_ID), returnAll: true, ...parameters },
		credentials: testCredentials,
	});
}

/** Requests nock had no interceptor for: each would be a call the node should not have made. */
function unexpectedRequests() {
	const seen: string[] = [];
	const record = (request: { method?: string; path?: string }) => seen.push(`${request.method} ${request.path}`);
	nock.emitter.on('no match', record);
	return { seen, stop: () => nock.emitter.removeListener('no match', record) };
}

describe('WhatsApp Phone Numbers: Get Many Across WABAs', () => {
	it("refuses a WABA ID in Meta's list that is not digits, before any request goes to it", async () => {
		const hostile = { id: '1/../../me/adaccounts?x=', name: 'Evil' };
		graphApi().get(OWNED_PATH).query(WABA_LIST_QUERY).reply(200, graphPage([hostile] as unknown as IDataObject[], 'o1', { last: true }));
		const unexpected = unexpectedRequests();

		const { items, error } = await acrossWabas();
		unexpected.stop();

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`The ID in the owned WABAs Meta listed for business portfolio ${BUSINESS_ID} is not a Graph object ID (digits only)`,
		);
		expect(error?.description).toContain('"1/../../me/adaccounts?x="; nothing was sent with it');
		expect(unexpected.seen).toEqual([]);
	});

	it('pages through the owned and client WABAs, then through each WABA’s numbers, and tags every number with its WABA', async () => {
		const [w1, w2, w3, c1] = [waba(1), waba(2), waba(3), waba(4)];
		listWabas([[w1, w2], [w3]], [c1]);
		numbersPage(w1, numbersFrom(1, 100), { next: 'w1-2' });
		numbersPage(w1, numbersFrom(101, 20), { after: 'w1-2' });
		numbersPage(w2, numbersFrom(201, 3));
		numbersPage(w3, []);
		numbersPage(c1, [connectedNumber(301)]);

		const { items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			...numbersFrom(1, 120).map((number) => fromWaba(number, w1, 'owned')),
			...numbersFrom(201, 3).map((number) => fromWaba(number, w2, 'owned')),
			fromWaba(connectedNumber(301), c1, 'client'),
		]);
	});

	it("asks for throughput, platform, coexistence and the portfolio's messaging limit in the same list call, and tags each number with the portfolio that owns its WABA", async () => {
		const owned = { id: '700000000000001', name: 'Acme Line', owner_business_info: { id: BUSINESS_ID, name: 'Acme Onboarding Partners' } };
		const client = { id: '700000000000002', name: 'Client Retail', owner_business_info: { id: '561234567890123', name: "Jasper's Market LLC" } };
		const oddOwner = { id: '700000000000003', name: 'Client Odd', owner_business_info: { id: 'not-an-id', name: 'Odd' } };
		listWabas([[owned]], [client, oddOwner]);
		const coexisting = { ...connectedNumber(1), throughput: { level: 'STANDARD' }, platform_type: 'CLOUD_API', is_on_biz_app: true, whatsapp_business_manager_messaging_limit: 'TIER_10K' };
		const high = { ...connectedNumber(2), throughput: { level: 'HIGH' }, platform_type: 'CLOUD_API', is_on_biz_app: false, whatsapp_business_manager_messaging_limit: 'TIER_2K', messaging_limit_tier: 'TIER_1K' };
		const odd = connectedNumber(3);
		numbersPage(owned, [coexisting]);
		numbersPage(client, [high]);
		numbersPage(oddOwner, [odd]);

		const { items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		expect(DEFAULT_FIELDS.split(',')).toEqual(expect.arrayContaining(['throughput', 'platform_type', 'is_on_biz_app', 'whatsapp_business_manager_messaging_limit']));
		expect(jsonOf(items)).toEqual([
			fromWaba(coexisting, owned, 'owned', { portfolioId: BUSINESS_ID, portfolioName: 'Acme Onboarding Partners' }),
			// The deprecated per-number tier passes through as Meta sent it.
			fromWaba(high, client, 'client', { portfolioId: '561234567890123', portfolioName: "Jasper's Market LLC" }),
			// An owner ID that is not a Graph ID is not used.
			fromWaba(odd, oddOwner, 'client', { portfolioId: null, portfolioName: null }),
		]);
	});

	it('reads at most 4 WABAs at the same time', async () => {
		const wabas = Array.from({ length: 9 }, (_, index) => waba(index + 1));
		listWabas([wabas]);
		let open = 0;
		let mostOpen = 0;
		for (const [index, of] of wabas.entries()) {
			graphApi()
				.get(numbersPath(of))
				.query({ fields: DEFAULT_FIELDS, limit: '100' })
				.reply(async () => {
					mostOpen = Math.max(mostOpen, ++open);
					await new Promise((resolve) => setTimeout(resolve, 40));
					open--;
					return [200, graphPage([connectedNumber(index)], 'end', { last: true })];
				});
		}

		const { items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		expect(mostOpen).toBe(4);
		// Output keeps the WABA order, whichever WABA answered first.
		expect(jsonOf(items).map(({ wabaId }) => wabaId)).toEqual(wabas.map(({ id }) => id));
	});

	it('gives one error item for a WABA that fails (access revoked) and still outputs the other WABAs’ numbers', async () => {
		const [w1, w2, w3] = [waba(1), waba(2), waba(3)];
		listWabas([[w1, w2, w3]]);
		numbersPage(w1, [connectedNumber(1)]);
		graphApi()
			.get(numbersPath(w2))
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(403, graphErrorBody(200, `Permissions error for token ${TEST_ACCESS_TOKEN}`, { fbtrace_id: 'AxYz_revoked' }));
		numbersPage(w3, [connectedNumber(3)]);

		const { run, items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		const output = jsonOf(items);
		expect(output).toHaveLength(3);
		expect(output[0]).toEqual(fromWaba(connectedNumber(1), w1, 'owned'));
		expect(output[2]).toEqual(fromWaba(connectedNumber(3), w3, 'owned'));
		expect(output[1]).toEqual({
			wabaId: w2.id,
			wabaName: w2.name,
			relation: 'owned',
			businessId: BUSINESS_ID,
			portfolioId: BUSINESS_ID,
			portfolioName: null,
			error: expect.stringMatching(/^WABA "Client 2" \(700000000000002\): .*lacks a permission/),
			details: expect.objectContaining({ code: 200, fbtrace_id: 'AxYz_revoked', httpCode: '403', description: expect.stringMatching(/whatsapp_business_management/) }),
		});
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('with Stop on First WABA Error fails the node naming the WABA, and starts no further WABA', async () => {
		const wabas = Array.from({ length: 6 }, (_, index) => waba(index + 1));
		listWabas([wabas]);
		graphApi()
			.get(numbersPath(wabas[0]))
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(403, graphErrorBody(10, 'Application does not have permission for this action'));
		// The three WABAs already started when the first fails still answer; WABAs 5 and 6 are never asked.
		for (const of of wabas.slice(1, 4)) {
			graphApi().get(numbersPath(of)).query({ fields: DEFAULT_FIELDS, limit: '100' }).delay(50).reply(200, graphPage([], 'end', { last: true }));
		}
		const unexpected = unexpectedRequests();

		const { items, error } = await acrossWabas({ options: { stopOnFirstWabaError: true } });
		unexpected.stop();

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^WABA "Client 1" \(700000000000001\): /);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
		expect(unexpected.seen).toEqual([]);
	});

	it('stops at an app rate limit longer than it waits, rather than spending a call on each further WABA', async () => {
		const wabas = Array.from({ length: 6 }, (_, index) => waba(index + 1));
		listWabas([wabas]);
		const usage = JSON.stringify({ [BUSINESS_ID]: [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 5 }] });
		graphApi()
			.get(numbersPath(wabas[0]))
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(400, graphErrorBody(4, 'Application request limit reached', { is_transient: true }), { 'X-Business-Use-Case-Usage': usage });
		for (const of of wabas.slice(1, 4)) {
			graphApi().get(numbersPath(of)).query({ fields: DEFAULT_FIELDS, limit: '100' }).delay(50).reply(200, graphPage([], 'end', { last: true }));
		}
		const unexpected = unexpectedRequests();

		const { items, error } = await acrossWabas();
		unexpected.stop();

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^WABA "Client 1" \(700000000000001\): Meta is rate limiting these calls/);
		expect(error?.description).toMatch(/Meta asks to wait about 5 minutes/);
		expect(unexpected.seen).toEqual([]);
	});

	it('with a Limit reads the WABAs one after the other and stops exactly at it without a further call', async () => {
		const [w1, w2, w3] = [waba(1), waba(2), waba(3)];
		listWabas([[w1, w2, w3]]);
		numbersPage(w1, numbersFrom(1, 100), { next: 'w1-2' });
		numbersPage(w1, numbersFrom(101, 20), { limit: '50', after: 'w1-2' });
		// 30 are left for the second WABA; it offers more, and the third WABA is never asked.
		numbersPage(w2, numbersFrom(201, 30), { limit: '30', next: 'w2-2' });
		const unexpected = unexpectedRequests();

		const { items, error } = await acrossWabas({ returnAll: false, limit: 150 });
		unexpected.stop();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			...numbersFrom(1, 120).map((number) => fromWaba(number, w1, 'owned')),
			...numbersFrom(201, 30).map((number) => fromWaba(number, w2, 'owned')),
		]);
		expect(unexpected.seen).toEqual([]);
	});

	it('reads only the chosen WABAs, and names a chosen WABA the portfolio does not have without calling it', async () => {
		const [w1, w2, c1] = [waba(1), waba(2), waba(3)];
		listWabas([[w1, w2]], [c1]);
		numbersPage(c1, [connectedNumber(7)]);

		const { items, error } = await acrossWabas({ wabaSelection: 'chosen', wabaIds: [c1.id, '123456789'] });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			fromWaba(connectedNumber(7), c1, 'client'),
			{
				wabaId: '123456789',
				wabaName: null,
				relation: null,
				businessId: BUSINESS_ID,
				portfolioId: null,
				portfolioName: null,
				error: `WABA 123456789: Business portfolio ${BUSINESS_ID} has no WABA with this ID`,
				details: { description: expect.stringMatching(/^Check the WABA ID/), httpCode: null },
			},
		]);
	});

	it('reads a WABA that is both owned and shared with the portfolio once, as owned', async () => {
		const [w1, c1] = [waba(1), waba(2)];
		listWabas([[w1]], [w1, c1]);
		numbersPage(w1, [connectedNumber(1)]);
		numbersPage(c1, [connectedNumber(2)]);

		const { items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([fromWaba(connectedNumber(1), w1, 'owned'), fromWaba(connectedNumber(2), c1, 'client')]);
	});

	it('lists only client WABAs when Ownership is Client', async () => {
		const c1 = waba(1);
		graphApi().get(CLIENT_PATH).query(WABA_LIST_QUERY).reply(200, graphPage([c1 as unknown as IDataObject], 'c1', { last: true }));
		numbersPage(c1, [connectedNumber(1)]);

		const { items, error } = await acrossWabas({ ownership: 'client' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([fromWaba(connectedNumber(1), c1, 'client')]);
	});

	it('sends Get Many’s Fields, Account Mode and Display Phone Number options to every WABA, with health_status and its summary', async () => {
		const [w1, w2] = [waba(1), waba(2)];
		listWabas([[w1, w2]]);
		const blocked = {
			id: '1',
			display_phone_number: '+1 650-555-1234',
			health_status: { can_send_message: 'BLOCKED', entities: [{ entity_type: 'PHONE_NUMBER', id: '1', can_send_message: 'BLOCKED' }] },
		};
		const query = {
			fields: 'id,display_phone_number,health_status',
			limit: '100',
			filtering: '[{"field":"account_mode","operator":"EQUAL","value":"LIVE"}]',
			display_phone_number: '16505551234',
		};
		graphApi().get(numbersPath(w1)).query(query).reply(200, graphPage([blocked], 'end', { last: true }));
		graphApi().get(numbersPath(w2)).query(query).reply(200, graphPage([], 'end', { last: true }));

		const { items, error } = await acrossWabas({
			options: { fields: ['id', 'display_phone_number', 'health_status'], accountMode: 'LIVE', displayPhoneNumber: '+1 650-555-1234' },
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...fromWaba(blocked, w1, 'owned'),
				healthSummary: 'Phone number +1 650-555-1234 (1) cannot send messages (BLOCKED): Phone number 1 is BLOCKED, without a reason from Meta.',
			},
		]);
	});

	it('tries a WABA page again after a transient error, under the shared retry policy', async () => {
		const w1 = waba(1);
		listWabas([[w1]]);
		graphApi()
			.get(numbersPath(w1))
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(400, graphErrorBody(4, 'Application request limit reached', { is_transient: true }));
		numbersPage(w1, [connectedNumber(1)]);

		const { items, error } = await acrossWabas();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([fromWaba(connectedNumber(1), w1, 'owned')]);
	});

	it('fails as a whole when the WABAs themselves cannot be listed, asking for no number', async () => {
		graphApi().get(OWNED_PATH).query(WABA_LIST_QUERY).reply(403, graphErrorBody(200, 'Requires business_management permission'));

		const { items, error } = await acrossWabas();

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/lacks a permission/);
	});

	it('refuses chosen WABA IDs with letters, and a business ID with letters, before any request', async () => {
		const chosen = await acrossWabas({ wabaSelection: 'chosen', wabaIds: '={{ "102290129340398, my-waba" }}' });
		expect(chosen.items).toEqual([]);
		expect(chosen.error?.message).toBe('WABA Names or IDs must be numeric WABA IDs, such as 102290129340398');

		const business = await acrossWabas({ businessId: byId('={{ "acme" }}') });
		expect(business.error?.message).toBe('Business Portfolio must be a numeric Graph object ID, such as 106540352242922');
	});
});
