import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const NUMBER_PATH = graphPath(`/${PHONE_NUMBER_ID}`);
const CALLBACK = 'https://n8n.example.com/webhook/whatsapp-acme';
const TOKEN = 'acme-verify-7f3a9c';

function setOverride(overrideCallbackUri: unknown = CALLBACK, overrideVerifyToken: unknown = TOKEN, phoneNumberId = PHONE_NUMBER_ID) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'setCallbackOverride', wabaId: byId(WABA_ID), phoneNumberId: byId(phoneNumberId), overrideCallbackUri, overrideVerifyToken },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Set Callback Override', () => {
	it('posts webhook_configuration with the URL and token, and outputs the URL and the field rule but never the token', async () => {
		const scope = graphApi()
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: CALLBACK, verify_token: TOKEN } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await setOverride(` ${CALLBACK} `);

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const [output] = jsonOf(items);
		expect(output).toEqual({ success: true, phoneNumberId: PHONE_NUMBER_ID, overrideCallbackUri: CALLBACK, fieldsRule: expect.any(String) });
		expect(output.fieldsRule).toMatch(/^Only messaging webhook fields follow an override \(messages/);
		expect(output.fieldsRule).toMatch(/account_update, account_alerts, account_review_update, phone_number_quality_update, phone_number_name_update, business_capability_update, security and template fields stay on the app's subscription/);
		expect(JSON.stringify(output)).not.toContain(TOKEN);
		expect(JSON.stringify(output)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('sets the same override again after a temporary server error (it is safe to repeat)', async () => {
		const scope = graphApi()
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: CALLBACK, verify_token: TOKEN } })
			.query({})
			.reply(500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true }))
			.post(NUMBER_PATH, { webhook_configuration: { override_callback_uri: CALLBACK, verify_token: TOKEN } })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await setOverride();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ success: true, overrideCallbackUri: CALLBACK });
	}, 15_000);

	it("says to subscribe the app to the WABA first when Meta answers error 100, without the token in the error", async () => {
		graphApi()
			.post(NUMBER_PATH)
			.query({})
			.reply(400, graphErrorBody(100, `(#100) The app is not subscribed to the WhatsApp Business Account ${WABA_ID} (token ${TOKEN})`));

		const { items, error } = await setOverride();

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Meta refused the callback override; this usually means the app is not subscribed to the number's WABA yet/);
		expect(error?.description).toMatch(/^Subscribe the app to the WABA first \(WhatsApp Business Accounts › Subscribe App\), then set the override again/);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(TOKEN);
	});

	it.each([
		['an http:// callback URL', 'http://n8n.example.com/webhook/acme', TOKEN, 'Callback URL must be a full https:// address, such as https://www.example.com', /^Received "http:\/\/n8n\.example\.com\/webhook\/acme"\. Enter the full https:\/\/ address/],
		['a callback URL over 200 characters', `https://n8n.example.com/${'a'.repeat(180)}`, TOKEN, 'Callback URL must be at most 200 characters', /Enter the full https:\/\/ address of the receiving workflow's webhook, up to 200 characters/],
		['a verify token with a space', CALLBACK, 'acme verify', 'Verify Token must not contain spaces or line breaks', /^Enter the verify token the receiving webhook expects, without spaces\.$/],
		['an empty verify token from an expression', CALLBACK, '={{ "" }}', 'Verify Token must not be empty', /^"Verify Token" is empty\. Enter the verify token/],
	])('refuses %s before any request, naming the field and the fix, never echoing the token', async (_case, url, token, message, description) => {
		const scope = graphApi().post(NUMBER_PATH).query(true).reply(200, { success: true });

		const { items, error } = await setOverride(url, token);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(description);
		expect(error?.description).not.toContain('acme verify');
	});

	it('refuses a phone-number ID with letters from an expression before any request', async () => {
		const scope = graphApi().post(/.*/).query(true).reply(200, { success: true });

		const { error } = await setOverride(CALLBACK, TOKEN, '={{ "10654abc" }}');

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(error?.message).toBe('Phone Number must be a numeric Graph object ID, such as 106540352242922');
	});
});
