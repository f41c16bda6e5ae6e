import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PRE_VERIFIED_ID } from '../fixtures';

isolateNetwork();

describe('WhatsApp Pre-Verified Numbers: Get Partners', () => {
	it('sends GET /<PREVERIFIED_ID>/partners, follows the cursor, and outputs one item per partner with the number it is shared from', async () => {
		const path = graphPath(`/${PRE_VERIFIED_ID}/partners`);
		graphApi()
			.get(path)
			.query({ limit: 100 })
			.reply(200, {
				data: [{ id: '111', name: 'Partner One' }],
				paging: { cursors: { after: 'AFTER1' }, next: `https://graph.facebook.com${path}?after=AFTER1` },
			});
		graphApi()
			.get(path)
			.query({ limit: 100, after: 'AFTER1' })
			.reply(200, { data: [{ id: '222', name: 'Partner Two' }], paging: { cursors: { after: 'AFTER2' } } });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'getPartners', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ id: '111', name: 'Partner One', preVerifiedNumberId: PRE_VERIFIED_ID },
			{ id: '222', name: 'Partner Two', preVerifiedNumberId: PRE_VERIFIED_ID },
		]);
	});
});
