import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const APPS_PATH = graphPath(`/${WABA_ID}/subscribed_apps`);
const CALLBACK = 'https://n8n.example.com/webhook/whatsapp-acme';
const TOKEN = 'acme-verify-7f3a9c';

function subscribe(parameters: Record<string, unknown>) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'subscribeApp', wabaId: byId(WABA_ID), ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Business Accounts: Subscribe App', () => {
	it('posts subscribed_apps without a body when no override is asked for, and outputs the WABA and no override', async () => {
		const scope = graphApi()
			.post(APPS_PATH, (body) => body === '' || Object.keys(body).length === 0)
			.query({})
			.reply(200, { success: true });

		const { items, error } = await subscribe({});

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([{ success: true, wabaId: WABA_ID, overrideCallbackUri: null, fieldsRule: expect.stringMatching(/^Only messaging webhook fields follow an override/) }]);
	});

	it('posts override_callback_uri and verify_token with the bearer token, and outputs the URL but never the token', async () => {
		const scope = graphApi()
			.post(APPS_PATH, { override_callback_uri: CALLBACK, verify_token: TOKEN })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await subscribe({ overrideCallbackUri: CALLBACK, overrideVerifyToken: TOKEN });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const [output] = jsonOf(items);
		expect(output).toMatchObject({ success: true, wabaId: WABA_ID, overrideCallbackUri: CALLBACK });
		expect(JSON.stringify(output)).not.toContain(TOKEN);
		expect(JSON.stringify(output)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it.each([
		['an http:// callback URL', { overrideCallbackUri: 'http://n8n.example.com/hook', overrideVerifyToken: TOKEN }, 'Override Callback URL must be a full https:// address, such as https://www.example.com'],
		['a verify token with a space', { overrideCallbackUri: CALLBACK, overrideVerifyToken: 'acme verify' }, 'Verify Token must not contain spaces or line breaks'],
		['an override URL without a verify token', { overrideCallbackUri: CALLBACK, overrideVerifyToken: '' }, 'Verify Token must not be empty'],
		['a WABA ID with letters', { wabaId: byId('={{ "WABA-1022" }}'), overrideCallbackUri: CALLBACK, overrideVerifyToken: TOKEN }, 'WhatsApp Business Account must be a numeric Graph object ID, such as 106540352242922'],
	])('refuses %s before any request, naming the field', async (_case, parameters, message) => {
		const scope = graphApi().post(/.*/).query(true).reply(200, { success: true });

		const { items, error } = await subscribe(parameters);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).not.toContain('acme verify');
	});
});
