/** Version 2, "Per WABA / Per Number Override": activation, its check and deactivation through n8n's HookContext. */
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../harness/graphMock';
import { hostilePair } from '../../harness/hostileHosts';
import { TriggerHarness } from '../../harness/webhook';
import { OTHER_WABA_ID, PHONE_NUMBER_ID, WABA_ID } from './fixtures';

isolateNetwork();
const hosts = hostilePair();
const BUSINESS_ID = '506914307656634';

const TYPE = 'whatsAppPhoneNumberTrigger';
const APP_ID = testCredentials.appId;
const VERIFY_TOKEN = testCredentials.webhookVerifyToken;
const OTHER_URL = 'https://crm.example.com/meta/webhook';
const OTHER_APP_ID = '9988776655443';

const locator = (value: string) => ({ __rl: true, mode: 'list', value });
const wabas = (...ids: string[]) => ({ waba: ids.map((id) => ({ wabaId: locator(id) })) });
const numbers = (...ids: string[]) => ({ phoneNumber: ids.map((id) => ({ phoneNumberId: { __rl: true, mode: 'id', value: id } })) });

async function overrideTrigger(parameters: Record<string, unknown> = {}, credentials = testCredentials) {
	return await TriggerHarness.create({
		type: TYPE,
		typeVersion: 2,
		credentials,
		parameters: { subscriptionScope: 'override', eventGroups: ['identity'], ...parameters } as never,
	});
}

/** `GET /<WABA_ID>/subscribed_apps` with another app and, when given, this app's override. */
function subscribedApps(override?: string | null) {
	return {
		data: [
			{ whatsapp_business_api_data: { id: OTHER_APP_ID, name: 'Other BSP', link: 'https://www.facebook.com/games/?app_id=x' }, override_callback_uri: OTHER_URL },
			...(override === null
				? []
				: [{ whatsapp_business_api_data: { id: APP_ID, name: 'Jasper App', link: 'https://www.facebook.com/games/?app_id=y' }, ...(override ? { override_callback_uri: override } : {}) }]),
		],
	};
}

function phoneRouting(override?: string) {
	return {
		id: PHONE_NUMBER_ID,
		webhook_configuration: { application: 'https://app.example.com/hook', ...(override ? { phone_number: override } : {}) },
	};
}

const getWaba = (id = WABA_ID) => graphApi().get(graphPath(`/${id}/subscribed_apps`));
const getPhone = () => graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: 'webhook_configuration' });

describe('override mode: activation', () => {
	it('points each WABA and number at its URL with the credential verify token, and never calls the app subscription', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID, OTHER_WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().twice().reply(200, subscribedApps());
		getWaba(OTHER_WABA_ID).twice().reply(200, subscribedApps(null));
		getPhone().twice().reply(200, phoneRouting());
		graphApi()
			.post(graphPath(`/${WABA_ID}/subscribed_apps`), { override_callback_uri: harness.webhookUrl, verify_token: VERIFY_TOKEN })
			.matchHeader('content-type', /application\/json/)
			.reply(200, { success: true });
		graphApi()
			.post(graphPath(`/${OTHER_WABA_ID}/subscribed_apps`), { override_callback_uri: harness.webhookUrl, verify_token: VERIFY_TOKEN })
			.reply(200, { success: true });
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`), { webhook_configuration: { override_callback_uri: harness.webhookUrl, verify_token: VERIFY_TOKEN } })
			.reply(200, { success: true });

		await expect(harness.hook('checkExists')).resolves.toBe(false);
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it('reports existing, and writes nothing, when every target already points at its URL', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().reply(200, subscribedApps(harness.webhookUrl));
		getPhone().reply(200, phoneRouting(harness.webhookUrl));
		await expect(harness.hook('checkExists')).resolves.toBe(true);
	});

	it('writes only the targets that do not point here yet', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().reply(200, subscribedApps(harness.webhookUrl));
		getPhone().reply(200, phoneRouting());
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`), { webhook_configuration: { override_callback_uri: harness.webhookUrl, verify_token: VERIFY_TOKEN } })
			.reply(200, { success: true });
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it("refuses a WABA whose override (this app's entry) points at another URL, naming both, and writes nothing", async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID, OTHER_WABA_ID) });
		getWaba().reply(200, subscribedApps(OTHER_URL));
		await expect(harness.hook('checkExists')).rejects.toMatchObject({
			message: `The WhatsApp Business Account ${WABA_ID} already sends its messaging webhooks to ${OTHER_URL}`,
			description: expect.stringContaining('never replaces another override'),
		});
	});

	it('refuses a number whose override points at another URL in create too, before any write', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().reply(200, subscribedApps());
		getPhone().reply(200, phoneRouting(OTHER_URL));
		await expect(harness.hook('create')).rejects.toMatchObject({
			message: `The phone number ${PHONE_NUMBER_ID} already sends its messaging webhooks to ${OTHER_URL}`,
			description: expect.stringContaining('Clear Callback Override'),
		});
	});

	it("refuses a number whose WABA override points at another workflow, naming the WABA, the number and the URL, and writes nothing", async () => {
		const otherWorkflow = `${hosts.other.origin}/webhook/other-workflow/webhook`;
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers(PHONE_NUMBER_ID) }, { ...testCredentials, baseUrl: hosts.graph.origin });
		hosts.graph.route('GET', `/v24.0/${PHONE_NUMBER_ID}`, {
			status: 200,
			body: { id: PHONE_NUMBER_ID, webhook_configuration: { whatsapp_business_account: otherWorkflow, application: 'https://app.example.com/hook' } },
		});
		hosts.graph.route('GET', '/v24.0/me/businesses', { status: 200, body: { data: [{ id: BUSINESS_ID }] } });
		hosts.graph.route('GET', `/v24.0/${BUSINESS_ID}/owned_whatsapp_business_accounts`, { status: 200, body: { data: [{ id: OTHER_WABA_ID }, { id: WABA_ID }] } });
		hosts.graph.route('GET', `/v24.0/${BUSINESS_ID}/client_whatsapp_business_accounts`, { status: 200, body: { data: [] } });
		hosts.graph.route('GET', `/v24.0/${OTHER_WABA_ID}/phone_numbers`, { status: 200, body: { data: [{ id: '100000000000001' }] } });
		hosts.graph.route('GET', `/v24.0/${WABA_ID}/phone_numbers`, { status: 200, body: { data: [{ id: PHONE_NUMBER_ID }] } });
		const conflict = {
			message: `WhatsApp Business Account ${WABA_ID} of phone number ${PHONE_NUMBER_ID} already sends its messaging webhooks to ${otherWorkflow}`,
			description: expect.stringContaining('A number override here would win over that WABA override'),
		};

		await expect(harness.hook('checkExists')).rejects.toMatchObject(conflict);
		await expect(harness.hook('create')).rejects.toMatchObject(conflict);

		expect(hosts.graph.received.filter(({ method }) => method !== 'GET')).toEqual([]);
		expect(hosts.other.received).toEqual([]);
	});

	it("still refuses, without the WABA's ID, when the number's WABA cannot be found", async () => {
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers(PHONE_NUMBER_ID) }, { ...testCredentials, baseUrl: hosts.graph.origin });
		hosts.graph.route('GET', `/v24.0/${PHONE_NUMBER_ID}`, { status: 200, body: { id: PHONE_NUMBER_ID, webhook_configuration: { whatsapp_business_account: OTHER_URL } } });

		await expect(harness.hook('create')).rejects.toMatchObject({
			message: `The WhatsApp Business Account of phone number ${PHONE_NUMBER_ID} already sends its messaging webhooks to ${OTHER_URL}`,
		});
		expect(hosts.graph.received.filter(({ method }) => method !== 'GET')).toEqual([]);
	});

	it("a number whose WABA override already points here is no conflict", async () => {
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getPhone().twice().reply(200, { ...phoneRouting(), webhook_configuration: { whatsapp_business_account: harness.webhookUrl } });
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`), { webhook_configuration: { override_callback_uri: harness.webhookUrl, verify_token: VERIFY_TOKEN } })
			.reply(200, { success: true });
		await expect(harness.hook('checkExists')).resolves.toBe(false);
		await expect(harness.hook('create')).resolves.toBe(true);
	});

	it("says to subscribe the app to the number's WABA when Meta refuses the override with error 100, without the verify token", async () => {
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getPhone().reply(200, phoneRouting());
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`))
			.reply(400, graphErrorBody(100, `(#100) Invalid parameter verify_token=${VERIFY_TOKEN}`));
		const error = (await harness.hook('create').catch((caught: unknown) => caught)) as Error & { description?: string };
		expect(error.message).toMatch(/^Meta refused the callback override; this usually means the app is not subscribed/);
		expect(error.description).toMatch(/Subscribe the app to the WABA first/);
		expect(JSON.stringify([error.message, error.description, error])).not.toContain(VERIFY_TOKEN);
	});
});

describe('override mode: what it refuses before any request', () => {
	it('without any WABA or number to point here', async () => {
		const harness = await overrideTrigger();
		await expect(harness.hook('checkExists')).rejects.toThrow('Override mode needs at least one WABA or phone number to point here');
	});

	it('when no picked event can arrive through an override', async () => {
		// Account Settings Update, picked by default, would follow an override: the other status events do not.
		const statusEvents = ['account_update', 'account_alerts', 'account_review_update'];
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID), eventGroups: ['status', 'capability'], statusEvents });
		await expect(harness.hook('checkExists')).rejects.toMatchObject({
			message: 'None of the picked events can arrive through an override',
			description: expect.stringContaining('account_alerts, account_review_update, account_update, business_capability_update'),
		});
	});

	it('a WABA target without the App ID to find its own entry', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID) }, { ...testCredentials, appId: '' });
		await expect(harness.hook('checkExists')).rejects.toThrow('Overriding a WABA needs the App ID');
	});

	it('a phone-number ID with letters, naming the field', async () => {
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers('+1 631 555') });
		await expect(harness.hook('checkExists')).rejects.toMatchObject({
			message: 'Phone Numbers to Point Here must be a numeric Graph object ID, such as 106540352242922',
		});
	});

	it('numbers only need no App ID or App Secret when signatures are skipped', async () => {
		const credentials = { ...testCredentials, appId: '', appSecret: '' };
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers(PHONE_NUMBER_ID), options: { skipSignatureVerification: true } }, credentials);
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: 'webhook_configuration' }).reply(200, phoneRouting(harness.webhookUrl));
		await expect(harness.hook('checkExists')).resolves.toBe(true);
	});
});

describe('override mode: deactivation', () => {
	it('removes only its own overrides: WABA by subscribing again without one, number with an empty URI', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID, OTHER_WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().reply(200, subscribedApps(harness.webhookUrl));
		getWaba(OTHER_WABA_ID).reply(200, subscribedApps(OTHER_URL));
		getPhone().reply(200, phoneRouting(harness.webhookUrl));
		graphApi()
			.post(graphPath(`/${WABA_ID}/subscribed_apps`), (body) => Object.keys(body ?? {}).length === 0)
			.reply(200, { success: true });
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`), { webhook_configuration: { override_callback_uri: '' } })
			.reply(200, { success: true });
		await expect(harness.hook('delete')).resolves.toBe(true);
	});

	it('leaves everything alone when nothing points here', async () => {
		const harness = await overrideTrigger({ wabas: wabas(WABA_ID), overridePhoneNumbers: numbers(PHONE_NUMBER_ID) });
		getWaba().reply(200, subscribedApps());
		getPhone().reply(200, phoneRouting(OTHER_URL));
		await expect(harness.hook('delete')).resolves.toBe(true);
	});

	it('with settings that do not read, sends nothing', async () => {
		const harness = await overrideTrigger({ overridePhoneNumbers: numbers('not-an-id') });
		await expect(harness.hook('delete')).resolves.toBe(true);
	});
});
