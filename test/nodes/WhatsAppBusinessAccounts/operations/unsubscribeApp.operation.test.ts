import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const APPS_PATH = graphPath(`/${WABA_ID}/subscribed_apps`);

function unsubscribe() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'unsubscribeApp', wabaId: byId(WABA_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Business Accounts: Unsubscribe App', () => {
	it('deletes subscribed_apps with the bearer token and says no webhook of the WABA arrives any more', async () => {
		const scope = graphApi().delete(APPS_PATH).query({}).reply(200, { success: true });

		const { items, error } = await unsubscribe();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([{ success: true, wabaId: WABA_ID, note: expect.stringMatching(/no longer receives any webhook of this WABA/) }]);
	});

	it('unsubscribes again after a temporary server error (unsubscribing twice is safe)', async () => {
		const scope = graphApi()
			.delete(APPS_PATH)
			.query({})
			.reply(500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true }))
			.delete(APPS_PATH)
			.query({})
			.reply(200, { success: true });

		const { items, error } = await unsubscribe();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ success: true, wabaId: WABA_ID });
	}, 15_000);
});
