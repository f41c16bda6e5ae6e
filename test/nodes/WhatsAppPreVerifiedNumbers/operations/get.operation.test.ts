import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import {
	byId,
	isoOf,
	NODE_TYPE,
	POOL_FIELDS,
	PRE_VERIFIED_ID,
	recordUnexpectedRequests,
	verifiedPoolNumber,
} from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

const DAY_MS = 86_400_000;

describe('WhatsApp Pre-Verified Numbers: Get', () => {
	it('sends GET /<PREVERIFIED_ID> with the lifecycle fields and outputs the number with its lifecycle', async () => {
		// Verified 49.5 days ago: expiry in 40.5 days, so the re-verification window is open.
		const number = { ...verifiedPoolNumber(PRE_VERIFIED_ID, '15550783881', 49.5), owner_business: { id: '1' } };
		graphApi().get(graphPath(`/${PRE_VERIFIED_ID}`)).query({ fields: POOL_FIELDS }).reply(200, number);

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'get', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		const expiresAt = isoOf(number.verification_expiry_time);
		expect(jsonOf(items)).toEqual([
			{
				...number,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				lifecycle: {
					state: 're-verification window open',
					isVerified: true,
					canReverifyNow: true,
					verifiedAt: isoOf(number.code_verification_time),
					expiresAt,
					reverifyWindowOpensAt: new Date(Date.parse(expiresAt) - 45 * DAY_MS).toISOString(),
					daysUntilExpiry: 40,
					poolRemovalAt: null,
					summary: expect.stringMatching(
						/^Verified, and re-verification is allowed now: verification expires on \d{4}-\d{2}-\d{2} \(in 40 days\)\.$/,
					),
				},
			},
		]);
	});

	it('accepts a pre-verified ID typed with surrounding spaces', async () => {
		graphApi()
			.get(graphPath(`/${PRE_VERIFIED_ID}`))
			.query({ fields: POOL_FIELDS })
			.reply(200, { id: PRE_VERIFIED_ID, code_verification_status: 'NOT_VERIFIED' });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'get', preVerifiedNumberId: byId(` ${PRE_VERIFIED_ID} `) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0].lifecycle).toMatchObject({ state: 'awaiting verification' });
	});

	it('maps a Graph error to a NodeApiError', async () => {
		graphApi()
			.get(graphPath(`/${PRE_VERIFIED_ID}`))
			.query({ fields: POOL_FIELDS })
			.reply(400, graphErrorBody(100, 'Unsupported get request. Object with ID does not exist'));

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'get', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Meta rejected a parameter of the request (Unsupported get request. Object with ID does not exist)',
		);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
		expect(unexpectedRequests).toEqual([]);
	});
});
