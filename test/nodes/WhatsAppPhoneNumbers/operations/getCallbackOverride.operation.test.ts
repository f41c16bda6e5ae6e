import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const NUMBER_PATH = graphPath(`/${PHONE_NUMBER_ID}`);
const APP = 'https://n8n.example.com/webhook/whatsapp-app';
const WABA = 'https://n8n.example.com/webhook/whatsapp-waba';
const NUMBER = 'https://n8n.example.com/webhook/whatsapp-number';

function getOverride() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getCallbackOverride', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Callback Override', () => {
	it("reads webhook_configuration and names the number's, the WABA's and the app's URL, messaging webhooks going to the number's", async () => {
		const configuration = { phone_number: NUMBER, whatsapp_business_account: WABA, application: APP };
		const scope = graphApi().get(NUMBER_PATH).query({ fields: 'webhook_configuration' }).reply(200, { id: PHONE_NUMBER_ID, webhook_configuration: configuration });

		const { items, error } = await getOverride();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				id: PHONE_NUMBER_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				webhook_configuration: configuration,
				overrideCallbackUri: NUMBER,
				wabaOverrideCallbackUri: WABA,
				appCallbackUri: APP,
				messagingWebhooksGoTo: NUMBER,
				fieldsRule: expect.stringMatching(/^Only messaging webhook fields follow an override/),
			},
		]);
	});

	it("falls back to the WABA's override, then the app's URL, and gives null when Meta returns no configuration", async () => {
		graphApi().get(NUMBER_PATH).query({ fields: 'webhook_configuration' }).reply(200, { id: PHONE_NUMBER_ID, webhook_configuration: { whatsapp_business_account: WABA, application: APP } });
		graphApi().get(NUMBER_PATH).query({ fields: 'webhook_configuration' }).reply(200, { id: PHONE_NUMBER_ID, webhook_configuration: { application: APP } });
		graphApi().get(NUMBER_PATH).query({ fields: 'webhook_configuration' }).reply(200, { id: PHONE_NUMBER_ID });

		const [waba, app, none] = [jsonOf((await getOverride()).items)[0], jsonOf((await getOverride()).items)[0], jsonOf((await getOverride()).items)[0]];

		expect(waba).toMatchObject({ overrideCallbackUri: null, wabaOverrideCallbackUri: WABA, messagingWebhooksGoTo: WABA });
		expect(app).toMatchObject({ overrideCallbackUri: null, wabaOverrideCallbackUri: null, appCallbackUri: APP, messagingWebhooksGoTo: APP });
		expect(none).toMatchObject({ overrideCallbackUri: null, wabaOverrideCallbackUri: null, appCallbackUri: null, messagingWebhooksGoTo: null });
	});
});
