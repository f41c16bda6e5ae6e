import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { TriggerHarness } from '../../harness/webhook';
import { OTHER_WABA_ID, WABA_ID, wabasById } from './fixtures';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const APP_ID = testCredentials.appId;
const APP_TOKEN = `${APP_ID}|${TEST_APP_SECRET}`;
const OTHER_URL = 'https://crm.example.com/meta/webhook';
const DEFAULT_FIELDS = [
	'account_alerts',
	'account_review_update',
	'account_settings_update',
	'account_update',
	'business_capability_update',
	'business_username_updates',
	'messages',
	'phone_number_name_update',
	'phone_number_quality_update',
	'security',
];

/** A Graph scope that only answers the app access token, as the subscription endpoints need. */
const appApi = () => graphApi(undefined, APP_TOKEN);

async function trigger(parameters: Record<string, unknown> = {}, credentials = testCredentials) {
	return await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials });
}

function subscriptionList(callbackUrl: string, fields = DEFAULT_FIELDS, active = true) {
	return {
		data: [
			{ object: 'page', callback_url: 'https://pages.example.com/hook', active: true, fields: [{ name: 'feed', version: 'v24.0' }] },
			{
				object: 'whatsapp_business_account',
				callback_url: callbackUrl,
				active,
				fields: fields.map((name) => ({ name, version: 'v24.0' })),
			},
		],
	};
}

/** The form Meta expects on POST /<APP_ID>/subscriptions, in the order the node sends it. */
function subscribeForm(callbackUrl: string, fields = DEFAULT_FIELDS) {
	return new URLSearchParams({
		object: 'whatsapp_business_account',
		callback_url: callbackUrl,
		verify_token: testCredentials.webhookVerifyToken,
		fields: fields.join(','),
		include_values: 'true',
	}).toString();
}

describe('activation checks', () => {
	it('refuses to activate when the credential has no app secret, naming the fix', async () => {
		const harness = await trigger({ manageSubscription: false }, { ...testCredentials, appSecret: '' });
		await expect(harness.hook('checkExists')).rejects.toMatchObject({
			message: 'The credential has no App Secret, so deliveries cannot be verified',
			description: expect.stringContaining('Skip Signature Verification (Unsafe)'),
		});
	});

	it('activates without app secret only when the user turned verification off', async () => {
		const harness = await trigger(
			{ manageSubscription: false, options: { skipSignatureVerification: true } },
			{ ...testCredentials, appSecret: '' },
		);
		await expect(harness.hook('checkExists')).resolves.toBe(true);
	});

	it('refuses to activate without a webhook verify token', async () => {
		const harness = await trigger({ manageSubscription: false }, { ...testCredentials, webhookVerifyToken: '' });
		await expect(harness.hook('checkExists')).rejects.toThrow('The credential has no Webhook Verify Token');
	});

	it('refuses automatic management without an app ID', async () => {
		const harness = await trigger({}, { ...testCredentials, appId: '' });
		await expect(harness.hook('checkExists')).rejects.toThrow('Managing the subscription needs the App ID and App Secret');
	});

	it('refuses an event selection with nothing in it', async () => {
		const harness = await trigger({ manageSubscription: false, eventGroups: [] });
		await expect(harness.hook('checkExists')).rejects.toThrow('Pick at least one event');
	});

	it('refuses a malformed WABA ID before any request', async () => {
		const harness = await trigger({ wabas: wabasById('my-waba') });
		await expect(harness.hook('checkExists')).rejects.toThrow(/^WhatsApp Business Accounts .*numeric Graph object ID/);
	});

	it('with management off, touches nothing in Meta', async () => {
		const harness = await trigger({ manageSubscription: false });
		await expect(harness.hook('checkExists')).resolves.toBe(true);
		await expect(harness.hook('delete')).resolves.toBe(true);
	});
});

describe('automatic subscription', () => {
	it('subscribes the app with the needed fields and links each WABA', async () => {
		const harness = await trigger({ wabas: wabasById(WABA_ID, OTHER_WABA_ID) });
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).twice().reply(200, { data: [] });
		appApi()
			.post(graphPath(`/${APP_ID}/subscriptions`), subscribeForm(harness.webhookUrl))
			.matchHeader('content-type', 'application/x-www-form-urlencoded')
			.reply(200, { success: true });
		graphApi().post(graphPath(`/${WABA_ID}/subscribed_apps`)).reply(200, { success: true });
		graphApi().post(graphPath(`/${OTHER_WABA_ID}/subscribed_apps`)).reply(200, { success: true });

		await expect(harness.hook('checkExists')).resolves.toBe(false);
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it('subscribes only the fields of the picked events', async () => {
		const harness = await trigger({ eventGroups: ['status'], statusEvents: ['phone_number_quality_update', 'security'] });
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, { data: [] });
		appApi()
			.post(graphPath(`/${APP_ID}/subscriptions`), subscribeForm(harness.webhookUrl, ['phone_number_quality_update', 'security']))
			.reply(200, { success: true });

		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it('stops with the other callback URL and what to do, and writes nothing', async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, subscriptionList(OTHER_URL));

		const failure = harness.hook('checkExists');
		await expect(failure).rejects.toMatchObject({
			message: `The Meta app ${APP_ID} already sends WhatsApp Business Account webhooks to ${OTHER_URL}`,
			description: expect.stringContaining('never replaces another callback URL'),
		});
	});

	it('stops in create too when another workflow subscribed in the meantime', async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, subscriptionList(OTHER_URL));
		await expect(harness.hook('create')).rejects.toThrow(OTHER_URL);
	});

	it('reports an own, complete subscription as existing and writes nothing', async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, subscriptionList(harness.webhookUrl));
		await expect(harness.hook('checkExists')).resolves.toBe(true);
	});

	it('updates an own subscription that lacks a needed field', async () => {
		const harness = await trigger();
		const own = subscriptionList(harness.webhookUrl, ['phone_number_quality_update']);
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).twice().reply(200, own);
		appApi().post(graphPath(`/${APP_ID}/subscriptions`), subscribeForm(harness.webhookUrl)).reply(200, { success: true });

		await expect(harness.hook('checkExists')).resolves.toBe(false);
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it('relinks the WABAs on each activation without subscribing again', async () => {
		const harness = await trigger({ wabas: wabasById(WABA_ID) });
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).twice().reply(200, subscriptionList(harness.webhookUrl));
		graphApi().post(graphPath(`/${WABA_ID}/subscribed_apps`)).reply(200, { success: true });

		await expect(harness.hook('checkExists')).resolves.toBe(false);
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it('shows a Graph error without the app secret or the verify token', async () => {
		const harness = await trigger();
		appApi()
			.get(graphPath(`/${APP_ID}/subscriptions`))
			.reply(400, graphErrorBody(190, `Invalid OAuth access token: ${APP_TOKEN}`));

		const error = (await harness.hook('checkExists').catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.name).toBe('NodeApiError');
		const shown = JSON.stringify([error.message, error.description, error]);
		expect(shown).not.toContain(TEST_APP_SECRET);
		expect(shown).not.toContain(testCredentials.webhookVerifyToken);
	});
});

describe('removing the subscription on deactivation', () => {
	it('removes a subscription whose callback URL is its own', async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, subscriptionList(harness.webhookUrl));
		appApi()
			.delete(graphPath(`/${APP_ID}/subscriptions`))
			.query({ object: 'whatsapp_business_account' })
			.reply(200, { success: true });

		await expect(harness.hook('delete')).resolves.toBe(true);
	});

	it("leaves another workflow's subscription alone", async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, subscriptionList(OTHER_URL));
		await expect(harness.hook('delete')).resolves.toBe(true);
	});

	it('does nothing when the app has no subscription', async () => {
		const harness = await trigger();
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, { data: [] });
		await expect(harness.hook('delete')).resolves.toBe(true);
	});
});
