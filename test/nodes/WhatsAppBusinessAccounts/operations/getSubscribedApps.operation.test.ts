import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const APPS_PATH = graphPath(`/${WABA_ID}/subscribed_apps`);
const APP_DATA = { id: '670843887433847', link: 'https://www.facebook.com/games/?app_id=670843887433847', name: 'Lucky Shrub' };

function getApps() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getSubscribedApps', wabaId: byId(WABA_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Business Accounts: Get Subscribed Apps', () => {
	it('lists subscribed_apps with the bearer token, one item per app with its ID, name and override (null without one)', async () => {
		const scope = graphApi()
			.get(APPS_PATH)
			.query({ limit: 100 })
			.reply(200, {
				data: [
					{ whatsapp_business_api_data: APP_DATA, override_callback_uri: 'https://n8n.example.com/webhook/acme' },
					{ whatsapp_business_api_data: { id: '111', name: 'Other App', link: 'https://www.facebook.com/games/?app_id=111' } },
				],
			});

		const { items, error } = await getApps();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				whatsapp_business_api_data: APP_DATA,
				override_callback_uri: 'https://n8n.example.com/webhook/acme',
				wabaId: WABA_ID,
				appId: '670843887433847',
				appName: 'Lucky Shrub',
				overrideCallbackUri: 'https://n8n.example.com/webhook/acme',
			},
			{
				whatsapp_business_api_data: { id: '111', name: 'Other App', link: 'https://www.facebook.com/games/?app_id=111' },
				wabaId: WABA_ID,
				appId: '111',
				appName: 'Other App',
				overrideCallbackUri: null,
			},
		]);
	});

	it('outputs nothing for a WABA without subscribed apps', async () => {
		const scope = graphApi().get(APPS_PATH).query({ limit: 100 }).reply(200, { data: [] });

		const { items, error } = await getApps();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items).toEqual([]);
	});
});
