import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import {
	BUSINESS_ID,
	byId,
	graphTimeInDays,
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

/** The states a pool goes through, each with the reason the node must give (none: not due). */
const KINDS = [
	{ reason: undefined, make: (id: string, phone: string) => verifiedPoolNumber(id, phone, 10.5) },
	{ reason: 'reverification window open', make: (id: string, phone: string) => verifiedPoolNumber(id, phone, 60.5) },
	{ reason: 'lapsed', make: (id: string, phone: string) => lapsedPoolNumber(id, phone, 5.5) },
	{ reason: 'never verified', make: (id: string, phone: string) => neverVerifiedPoolNumber(id, phone) },
	// Window opens in 4.5 days: not yet due, due with a 7-day look-ahead.
	{ reason: undefined, make: (id: string, phone: string) => verifiedPoolNumber(id, phone, 40.5) },
	{
		reason: 'lapsed',
		make: (id: string, phone: string) => ({
			...verifiedPoolNumber(id, phone, 93.5),
			verification_expiry_time: graphTimeInDays(-3.5),
		}),
	},
];

function pool(size: number) {
	return Array.from({ length: size }, (_, index) => {
		const kind = KINDS[index % KINDS.length];
		return { number: kind.make(`${900000 + index}`, `1555${String(index).padStart(7, '0')}`), reason: kind.reason };
	});
}

function mockPoolPages(numbers: object[]) {
	const pages = [];
	for (let start = 0; start < numbers.length; start += 100) pages.push(numbers.slice(start, start + 100));
	pages.forEach((data, index) => {
		const isLast = index === pages.length - 1;
		const after = `CURSOR${index + 1}`;
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, limit: 100, ...(index > 0 ? { after: `CURSOR${index}` } : {}) })
			.reply(200, {
				data,
				paging: isLast
					? { cursors: { before: 'B', after } }
					: { cursors: { before: 'B', after }, next: `https://graph.facebook.com${POOL_PATH}?after=${after}` },
			});
	});
}

describe('WhatsApp Pre-Verified Numbers: Get Due for Re-Verification', () => {
	it('over a pool of 250 numbers makes exactly 3 list requests and returns exactly the due ones, each saying why', async () => {
		const numbers = pool(250);
		mockPoolPages(numbers.map(({ number }) => number));

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getDueForReverification', businessId: byId(BUSINESS_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		const due = numbers.filter(({ reason }) => reason);
		expect(due).toHaveLength(167);
		expect(jsonOf(items).map((item) => [item.preVerifiedNumberId, (item.due as { reason: string }).reason])).toEqual(
			due.map(({ number, reason }) => [number.id, reason]),
		);
		for (const item of jsonOf(items)) {
			expect(item.due).toEqual({ reason: expect.any(String), explanation: expect.any(String) });
			expect(item.lifecycle).toEqual(expect.objectContaining({ canReverifyNow: true }));
		}
		expect(unexpectedRequests).toEqual([]);
	});

	it('explains each reason in words, with the dates', async () => {
		const [windowOpen, lapsed, neverVerified] = [
			verifiedPoolNumber('1', '15550000001', 60.5),
			lapsedPoolNumber('2', '15550000002', 5.5),
			neverVerifiedPoolNumber('3', '15550000003'),
		];
		mockPoolPages([windowOpen, lapsed, neverVerified]);

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getDueForReverification', businessId: byId(BUSINESS_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items).map((item) => item.due)).toEqual([
			{
				reason: 'reverification window open',
				explanation: expect.stringMatching(
					/^Verified, and re-verification is allowed now: verification expires on \d{4}-\d{2}-\d{2} \(in 29 days\)\.$/,
				),
			},
			{
				reason: 'lapsed',
				explanation: expect.stringMatching(/^Verification lapsed on \d{4}-\d{2}-\d{2}; .*Request and verify a new code\.$/),
			},
			{
				reason: 'never verified',
				explanation:
					'Never verified; it is removed from the pool 90 days after it was added, and Graph does not say when that was, so the removal date is unknown.',
			},
		]);
	});

	it('with a look-ahead also returns verified numbers whose window opens within those days', async () => {
		const opensInFourDays = verifiedPoolNumber('1', '15550000001', 40.5);
		const opensInThirtyDays = verifiedPoolNumber('2', '15550000002', 14.5);
		mockPoolPages([opensInFourDays, opensInThirtyDays]);

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'getDueForReverification',
				businessId: byId(BUSINESS_ID),
				options: { lookAheadDays: 7 },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...opensInFourDays,
				preVerifiedNumberId: '1',
				lifecycle: expect.objectContaining({ state: 'verified', canReverifyNow: false }),
				due: {
					reason: 'reverification window opens soon',
					explanation: expect.stringMatching(/^Within the 7-day look-ahead: Verified; .* \(in 4 days\)\.$/),
				},
			},
		]);
	});
});
