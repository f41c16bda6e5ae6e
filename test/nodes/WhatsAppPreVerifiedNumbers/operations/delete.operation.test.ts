import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, noBody, PRE_VERIFIED_ID } from '../fixtures';

isolateNetwork();

describe('WhatsApp Pre-Verified Numbers: Delete', () => {
	it('sends DELETE /<PREVERIFIED_ID> without query or body and outputs which number was deleted', async () => {
		graphApi()
			.delete(graphPath(`/${PRE_VERIFIED_ID}`), noBody)
			.query({})
			.reply(200, { success: true });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'delete', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID }]);
	});
});
