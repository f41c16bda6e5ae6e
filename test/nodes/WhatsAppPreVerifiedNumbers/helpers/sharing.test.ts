import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import {
	BUSINESS_ID,
	byId,
	NODE_TYPE,
	noBody,
	PARTNER_BUSINESS_ID,
	PRE_VERIFIED_ID,
	recordUnexpectedRequests,
} from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

const shareParameters = {
	businessId: byId(BUSINESS_ID),
	preVerifiedNumberId: byId(PRE_VERIFIED_ID),
	partnerBusinessId: PARTNER_BUSINESS_ID,
};

describe('WhatsApp Pre-Verified Numbers: Share and Unshare', () => {
	it('Share sends POST /<BUSINESS_ID>/share_preverified_numbers?partner_business_id=…&preverified_id=…', async () => {
		graphApi()
			.post(graphPath(`/${BUSINESS_ID}/share_preverified_numbers`), noBody)
			.query({ partner_business_id: PARTNER_BUSINESS_ID, preverified_id: PRE_VERIFIED_ID })
			.reply(200, { success: true });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'share', ...shareParameters },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, partnerBusinessId: PARTNER_BUSINESS_ID },
		]);
	});

	it('Unshare sends DELETE /<BUSINESS_ID>/share_preverified_numbers with the same query', async () => {
		graphApi()
			.delete(graphPath(`/${BUSINESS_ID}/share_preverified_numbers`), noBody)
			.query({ partner_business_id: PARTNER_BUSINESS_ID, preverified_id: PRE_VERIFIED_ID })
			.reply(200, { success: true });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'unshare', ...shareParameters },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, partnerBusinessId: PARTNER_BUSINESS_ID },
		]);
	});

	it('refuses a partner business ID that is not numeric before any request', async () => {
		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'share', ...shareParameters, partnerBusinessId: 'Acme Partners' },
			credentials: testCredentials,
		});

		expect(error?.message).toBe('Partner Business ID must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toBe(
			'Received "Acme Partners". Correct the "Partner Business ID" field and run the node again.',
		);
		expect(unexpectedRequests).toEqual([]);
	});
});
