import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const NUMBER_PATH = graphPath(`/${PHONE_NUMBER_ID}`);

function clearOverride() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'clearCallbackOverride', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Clear Callback Override', () => {
	it('posts an empty override_callback_uri and outputs that the override is gone and where webhooks go instead', async () => {
		const scope = graphApi()
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: '' } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await clearOverride();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				phoneNumberId: PHONE_NUMBER_ID,
				overrideCallbackUri: null,
				note: "Meta sends a messaging webhook to the phone number's override if it has one, else to its WABA's override, else to the app's callback URL.",
			},
		]);
	});

	it('clears again after a dropped answer (clearing twice is safe)', async () => {
		const scope = graphApi()
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: '' } })
			.query({})
			.reply(503, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }))
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: '' } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await clearOverride();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ success: true, overrideCallbackUri: null });
	}, 15_000);
});
