import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { BUSINESS_ID, byId, graphTimeInDays, NODE_TYPE, POOL_FIELDS, verifiedPoolNumber } from '../fixtures';

isolateNetwork();

const POOL_PATH = graphPath(`/${BUSINESS_ID}/preverified_numbers`);

describe('WhatsApp Pre-Verified Numbers: Get Embedded Signup IDs', () => {
	it('lists the pool filtered to VERIFIED, page by page, and outputs one item with preVerifiedPhone.ids of the numbers verified right now', async () => {
		const first = verifiedPoolNumber('106540352242922', '15550783881', 10.5);
		const second = verifiedPoolNumber('105954558954427', '15550783882', 60.5);
		// Graph can still say VERIFIED after the expiry; Embedded Signup would make the client ask for a code.
		const stale = {
			...verifiedPoolNumber('104444444444444', '15550783883', 92.5),
			verification_expiry_time: graphTimeInDays(-2.5),
		};
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, code_verification_status: 'VERIFIED', limit: 100 })
			.reply(200, {
				data: [first, stale],
				paging: { cursors: { after: 'AFTER' }, next: `https://graph.facebook.com${POOL_PATH}?after=AFTER` },
			});
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, code_verification_status: 'VERIFIED', limit: 100, after: 'AFTER' })
			.reply(200, { data: [second] });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getEmbeddedSignupIds', businessId: byId(BUSINESS_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				preVerifiedPhone: { ids: ['106540352242922', '105954558954427'] },
				count: 2,
				numbers: [
					{
						preVerifiedNumberId: '106540352242922',
						phone_number: '15550783881',
						lifecycle: expect.objectContaining({ state: 'verified', isVerified: true }),
					},
					{
						preVerifiedNumberId: '105954558954427',
						phone_number: '15550783882',
						lifecycle: expect.objectContaining({ state: 're-verification window open', isVerified: true }),
					},
				],
			},
		]);
	});

	it('outputs one item with an empty list when no number is verified', async () => {
		graphApi()
			.get(POOL_PATH)
			.query({ fields: POOL_FIELDS, code_verification_status: 'VERIFIED', limit: 100 })
			.reply(200, { data: [] });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getEmbeddedSignupIds', businessId: byId(BUSINESS_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ preVerifiedPhone: { ids: [] }, count: 0, numbers: [] }]);
	});
});
