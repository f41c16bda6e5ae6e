import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import {
	BUSINESS_ID,
	byId,
	lapsedPoolNumber,
	neverVerifiedPoolNumber,
	NODE_TYPE,
	POOL_FIELDS,
	recordUnexpectedRequests,
	verifiedPoolNumber,
} from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

const POOL_PATH = graphPath(`/${BUSINESS_ID}/preverified_numbers`);

function nextPage(after: string) {
	return { cursors: { after }, next: `https://graph.facebook.com${POOL_PATH}?after=${after}` };
}

describe('WhatsApp Pre-Verified Numbers: Get Many', () => {
	it('asks for the lifecycle fields on the list call with limit = Limit, and stops at the limit', async () => {
		const pool = Array.from({ length: 5 }, (_, index) => verifiedPoolNumber(`10${index}`, `1555000000${index}`, 10.5));
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, limit: 5 })
			.reply(200, { data: pool, paging: nextPage('AFTER5') });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getAll', businessId: byId(BUSINESS_ID), returnAll: false, limit: 5 },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items).map((number) => number.preVerifiedNumberId)).toEqual(['100', '101', '102', '103', '104']);
		expect(jsonOf(items).map((number) => (number.lifecycle as { state: string }).state)).toEqual(
			Array(5).fill('verified'),
		);
	});

	it('with Return All follows the cursor at 100 a page and gives every number its lifecycle', async () => {
		const firstPage = Array.from({ length: 100 }, (_, index) => verifiedPoolNumber(`${1000 + index}`, `1555100${1000 + index}`, 20.5));
		const lastPage = [neverVerifiedPoolNumber('2000', '15552000000'), lapsedPoolNumber('2001', '15552000001', 3.5)];
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, limit: 100 })
			.reply(200, { data: firstPage, paging: nextPage('AFTER100') });
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, limit: 100, after: 'AFTER100' })
			.reply(200, { data: lastPage, paging: { cursors: { after: 'END' } } });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getAll', businessId: byId(BUSINESS_ID), returnAll: true },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(102);
		expect(jsonOf(items).slice(100)).toEqual([
			{
				...lastPage[0],
				preVerifiedNumberId: '2000',
				lifecycle: expect.objectContaining({ state: 'awaiting verification', poolRemovalAt: null }),
			},
			{
				...lastPage[1],
				preVerifiedNumberId: '2001',
				lifecycle: expect.objectContaining({ state: 'lapsed', daysUntilExpiry: -4, canReverifyNow: true }),
			},
		]);
	});

	it('sends the status filter and the phone-number filter as digits', async () => {
		graphApi()
			.get(POOL_PATH)
			.query({
				fields: POOL_FIELDS,
				limit: 100,
				code_verification_status: 'NOT_VERIFIED',
				phone_number: '15550783881',
			})
			.reply(200, { data: [neverVerifiedPoolNumber('3000', '15550783881')] });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'getAll',
				businessId: byId(BUSINESS_ID),
				returnAll: true,
				filters: { codeVerificationStatus: 'NOT_VERIFIED', phoneNumber: '+1 555-078-3881' },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items).map((number) => number.preVerifiedNumberId)).toEqual(['3000']);
	});

	it('refuses a phone-number filter with letters before any request', async () => {
		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'getAll',
				businessId: byId(BUSINESS_ID),
				returnAll: true,
				filters: { phoneNumber: '+1 555 CALL NOW' },
			},
			credentials: testCredentials,
		});

		expect(error?.message).toBe('Phone Number may contain only digits, spaces, +, -, ( and )');
		expect(unexpectedRequests).toEqual([]);
	});
});
