import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import * as webhooks from '../../dev/sandbox/webhooks';
import { CLIENT_WABA_ID, CONNECTED_NUMBER_ID, OWNED_WABA_ID, graphError, useSandbox } from './helpers';

const VERIFY_TOKEN = 'receiver-verify-token';

interface Received {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	signatureValid: boolean;
}

/** A small webhook receiver on 127.0.0.1: echoes the challenge on /hook, never on /no-echo; checks signatures. */
function startReceiver(appSecret: () => string) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const rawBody = Buffer.concat(chunks);
			if (req.method === 'GET') {
				const matches = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === VERIFY_TOKEN;
				if (url.pathname === '/no-echo') {
					res.writeHead(200).end('not the challenge');
				} else if (matches) {
					res.writeHead(200, { 'Content-Type': 'text/plain' }).end(url.searchParams.get('hub.challenge'));
				} else {
					res.writeHead(403).end('forbidden');
				}
				received.push({ method: 'GET', url: req.url ?? '', headers: req.headers, rawBody, signatureValid: false });
				return;
			}
			const header = String(req.headers['x-hub-signature-256'] ?? '');
			const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret()).update(rawBody).digest('hex')}`);
			const given = Buffer.from(header);
			const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
			received.push({ method: 'POST', url: req.url ?? '', headers: req.headers, rawBody, signatureValid });
			res.writeHead(signatureValid ? 200 : 401).end();
		});
	});
	return {
		received,
		server,
		async start() {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		},
	};
}

describe('Graph sandbox: webhook subscriptions and signed deliveries', () => {
	const { graph, dev, sandbox } = useSandbox();
	const receiver = startReceiver(() => sandbox.credentials.appSecret);
	let receiverUrl: string;
	const appToken = () => `${sandbox.credentials.appId}|${sandbox.credentials.appSecret}`;

	beforeAll(async () => {
		receiverUrl = await receiver.start();
	});
	afterAll(async () => {
		await new Promise((resolve) => receiver.server.close(resolve));
	});
	beforeEach(() => {
		receiver.received.length = 0;
	});

	const subscribe = (callbackUrl: string, fields = 'phone_number_quality_update,account_update') =>
		graph(`/${sandbox.credentials.appId}/subscriptions`, {
			method: 'POST',
			token: appToken(),
			form: { object: 'whatsapp_business_account', callback_url: callbackUrl, verify_token: VERIFY_TOKEN, fields, include_values: 'true' },
		});

	it('subscribes the app after the hub.challenge handshake, and lists the subscription', async () => {
		const response = await subscribe(`${receiverUrl}/hook`);
		expect(response.body).toEqual({ success: true });

		const [handshake] = receiver.received;
		const query = new URL(handshake.url, receiverUrl).searchParams;
		expect(handshake.method).toBe('GET');
		expect(query.get('hub.mode')).toBe('subscribe');
		expect(query.get('hub.verify_token')).toBe(VERIFY_TOKEN);
		expect(query.get('hub.challenge')).toMatch(/^\d+$/);

		const listed = await graph(`/${sandbox.credentials.appId}/subscriptions`, { token: appToken() });
		expect(listed.body).toEqual({
			data: [
				{
					object: 'whatsapp_business_account',
					callback_url: `${receiverUrl}/hook`,
					active: true,
					fields: [
						{ name: 'phone_number_quality_update', version: 'v24.0' },
						{ name: 'account_update', version: 'v24.0' },
					],
				},
			],
		});
	});

	it('fails with a Graph error when the callback does not echo the challenge or refuses the token', async () => {
		const noEcho = graphError(await subscribe(`${receiverUrl}/no-echo`));
		expect(noEcho.code).toBe(2200);
		expect(noEcho.message).toContain('Response does not match challenge');

		const wrongToken = await graph(`/${sandbox.credentials.appId}/subscriptions`, {
			method: 'POST',
			token: appToken(),
			form: { object: 'whatsapp_business_account', callback_url: `${receiverUrl}/hook`, verify_token: 'other', fields: 'account_update' },
		});
		expect(graphError(wrongToken).message).toContain('HTTP Status Code = 403');
		expect((await graph(`/${sandbox.credentials.appId}/subscriptions`, { token: appToken() })).body).toEqual({ data: [] });
		expect(graphError(await subscribe('not a url')).code).toBe(100);
	});

	it('accepts fields as a JSON array, merges new fields, and deletes fields or the whole object', async () => {
		await subscribe(`${receiverUrl}/hook`, '["account_update"]');
		await subscribe(`${receiverUrl}/hook`, 'security');
		const names = async () =>
			(await graph(`/${sandbox.credentials.appId}/subscriptions`, { token: appToken() })).body.data[0]?.fields.map((field: { name: string }) => field.name);
		expect(await names()).toEqual(['account_update', 'security']);
		await graph(`/${sandbox.credentials.appId}/subscriptions`, { method: 'DELETE', token: appToken(), form: { object: 'whatsapp_business_account', fields: 'security' } });
		expect(await names()).toEqual(['account_update']);
		const deleted = await graph(`/${sandbox.credentials.appId}/subscriptions`, { method: 'DELETE', token: appToken(), form: { object: 'whatsapp_business_account' } });
		expect(deleted.body).toEqual({ success: true });
		expect(await names()).toBeUndefined();
	});

	it('links the app to a WABA with subscribed_apps, shown as the numbers\' webhook_configuration', async () => {
		await subscribe(`${receiverUrl}/hook`);
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`)).body).toEqual({ data: [] });
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST' })).body).toEqual({ success: true });
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`)).body.data).toEqual([
			{ whatsapp_business_api_data: { id: sandbox.credentials.appId, name: 'Sandbox Phone Numbers App', link: expect.stringContaining(sandbox.credentials.appId) } },
		]);
		expect((await graph(`/${CONNECTED_NUMBER_ID}?fields=webhook_configuration`)).body.webhook_configuration).toEqual({ application: `${receiverUrl}/hook` });
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'DELETE' })).body).toEqual({ success: true });
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`)).body).toEqual({ data: [] });
	});

	const setNumberOverride = (uri: string, verify_token?: string) =>
		graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { webhook_configuration: { override_callback_uri: uri, ...(verify_token ? { verify_token } : {}) } } });
	const routing = async () => (await graph(`/${CONNECTED_NUMBER_ID}?fields=webhook_configuration`)).body.webhook_configuration;

	it("refuses a number's callback override with error 100 until the app is subscribed to the number's WABA", async () => {
		await subscribe(`${receiverUrl}/hook`);
		const refused = graphError(await setNumberOverride(`${receiverUrl}/hook?for=number`, VERIFY_TOKEN));
		expect(refused.code).toBe(100);
		expect(refused.message).toMatch(/not subscribed to the WhatsApp Business Account 102290129340398/);
		expect(receiver.received).toHaveLength(1);
		expect(sandbox.counts.endpoints['POST /{phone_number}']).toBe(1);
	});

	it("sets a number's override after the handshake, reads it beside the WABA's and the app's, and clears it with an empty URI", async () => {
		await subscribe(`${receiverUrl}/hook`);
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST', json: { override_callback_uri: `${receiverUrl}/hook?for=waba`, verify_token: VERIFY_TOKEN } });
		expect((await setNumberOverride(`${receiverUrl}/hook?for=number`, VERIFY_TOKEN)).body).toEqual({ success: true });
		expect(await routing()).toEqual({
			phone_number: `${receiverUrl}/hook?for=number`,
			whatsapp_business_account: `${receiverUrl}/hook?for=waba`,
			application: `${receiverUrl}/hook`,
		});
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`)).body.data[0].override_callback_uri).toBe(`${receiverUrl}/hook?for=waba`);

		// Setting the same override again is accepted and changes nothing.
		expect((await setNumberOverride(`${receiverUrl}/hook?for=number`, VERIFY_TOKEN)).body).toEqual({ success: true });
		expect((await setNumberOverride('')).body).toEqual({ success: true });
		expect(await routing()).toEqual({ whatsapp_business_account: `${receiverUrl}/hook?for=waba`, application: `${receiverUrl}/hook` });

		// Subscribing again without an override removes the WABA's.
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST' });
		expect(await routing()).toEqual({ application: `${receiverUrl}/hook` });
	});

	it('refuses an override whose handshake fails, or whose URL is longer than 200 characters, and keeps none', async () => {
		await subscribe(`${receiverUrl}/hook`);
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST' });
		expect(graphError(await setNumberOverride(`${receiverUrl}/hook`, 'wrong-token')).code).toBe(2200);
		expect(graphError(await setNumberOverride(`${receiverUrl}/hook?x=${'a'.repeat(200)}`, VERIFY_TOKEN)).message).toMatch(/at most 200 characters/);
		const wabaOverride = await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST', json: { override_callback_uri: `${receiverUrl}/no-echo`, verify_token: VERIFY_TOKEN } });
		expect(graphError(wabaOverride).code).toBe(2200);
		expect(await routing()).toEqual({ application: `${receiverUrl}/hook` });
	});

	it('refuses a WABA override without a verify token with error 100, before any handshake, and keeps the WABA as it was', async () => {
		await subscribe(`${receiverUrl}/hook`);
		receiver.received.length = 0;
		const refused = graphError(await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST', json: { override_callback_uri: `${receiverUrl}/hook?for=waba` } }));
		expect(refused.code).toBe(100);
		expect(refused.message).toMatch(/verify_token/);
		expect(receiver.received).toEqual([]);
		expect((await graph(`/${OWNED_WABA_ID}/subscribed_apps`)).body).toEqual({ data: [] });
	});

	it('sends a signed delivery to the subscribed callback that the receiver verifies over the raw body', async () => {
		await subscribe(`${receiverUrl}/hook`);
		const sent = await dev('/webhooks/send', { kind: 'phone_number_quality_update', params: { phoneNumberId: CONNECTED_NUMBER_ID }, signature: 'valid' });
		expect(sent.status).toBe(200);
		expect(sent.body.statusCounts).toEqual({ 200: 1 });
		expect(sent.body.deliveries).toEqual([expect.objectContaining({ index: 0, status: 200 })]);

		const [delivery] = receiver.received.filter((request) => request.method === 'POST');
		expect(delivery.signatureValid).toBe(true);
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(delivery.rawBody.toString()).toBe(sent.body.rawBody);
		const payload = JSON.parse(delivery.rawBody.toString());
		expect(payload).toEqual({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: OWNED_WABA_ID,
					time: expect.any(Number),
					changes: [{ field: 'phone_number_quality_update', value: { display_phone_number: '16315555555', event: 'FLAGGED', current_limit: 'TIER_1K' } }],
				},
			],
		});
		// The WABA has no subscribed app yet: Meta would not deliver, and the sender says so.
		expect(sent.body.warnings).toEqual([expect.stringContaining('no subscribed app')]);
	});

	it('sends forged and unsigned deliveries, which the receiver refuses', async () => {
		const payload = webhooks.accountUpdate({ wabaId: OWNED_WABA_ID, event: 'ACCOUNT_VIOLATION' });
		const forged = await dev('/webhooks/send', { payload, callbackUrl: `${receiverUrl}/hook`, signature: 'forged' });
		expect(forged.body.statusCounts).toEqual({ 401: 1 });
		expect(String(receiver.received[0].headers['x-hub-signature-256'])).toMatch(/^sha256=[0-9a-f]{64}$/);
		const unsigned = await dev('/webhooks/send', { payload, callbackUrl: `${receiverUrl}/hook`, signature: 'none' });
		expect(unsigned.body.statusCounts).toEqual({ 401: 1 });
		expect(receiver.received[1].headers['x-hub-signature-256']).toBeUndefined();
	});

	it('sends the same body count times with bounded concurrency (a redelivery is byte-identical)', async () => {
		const result = await sandbox.sendWebhook({
			kind: 'business_capability_update',
			params: { wabaId: CLIENT_WABA_ID },
			callbackUrl: `${receiverUrl}/hook`,
			count: 40,
			concurrency: 8,
		});
		expect(result.statusCounts).toEqual({ 200: 40 });
		const bodies = new Set(receiver.received.map((request) => request.rawBody.toString()));
		expect(receiver.received).toHaveLength(40);
		expect(bodies.size).toBe(1);
	});

	it('sends messaging fields where Meta would: the number\'s override, else the WABA\'s, else the app\'s URL; account fields always to the app', async () => {
		await subscribe(`${receiverUrl}/hook`, 'messages,account_alerts');
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST', json: { override_callback_uri: `${receiverUrl}/hook?for=waba`, verify_token: VERIFY_TOKEN } });
		const message = { kind: 'identity_message', params: { phoneNumberId: CONNECTED_NUMBER_ID } };
		const alert = { kind: 'account_alerts', params: { phoneNumberId: CONNECTED_NUMBER_ID, alertType: 'PROFILE_PICTURE_LOST' } };

		expect((await sandbox.sendWebhook(message)).via).toBe('whatsapp_business_account');
		await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { webhook_configuration: { override_callback_uri: `${receiverUrl}/hook?for=number`, verify_token: VERIFY_TOKEN } } });
		expect((await sandbox.sendWebhook(message)).via).toBe('phone_number');
		expect((await sandbox.sendWebhook(alert)).via).toBe('application');
		await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { webhook_configuration: { override_callback_uri: '' } } });
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST' });
		expect((await sandbox.sendWebhook(message)).via).toBe('application');

		const posts = receiver.received.filter((request) => request.method === 'POST').map((request) => [request.url, JSON.parse(request.rawBody.toString()).entry[0].changes[0].field]);
		expect(posts).toEqual([
			['/hook?for=waba', 'messages'],
			['/hook?for=number', 'messages'],
			['/hook', 'account_alerts'],
			['/hook', 'messages'],
		]);
	});

	it('sends template and username webhooks to the app even where overrides exist; settings changes follow the number\'s override', async () => {
		await subscribe(`${receiverUrl}/hook`, 'message_template_status_update,business_username_updates,account_settings_update');
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST', json: { override_callback_uri: `${receiverUrl}/hook?for=waba`, verify_token: VERIFY_TOKEN } });
		await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { webhook_configuration: { override_callback_uri: `${receiverUrl}/hook?for=number`, verify_token: VERIFY_TOKEN } } });
		const sent = [];
		for (const kind of ['message_template_status_update', 'business_username_updates', 'account_settings_update']) {
			const result = await sandbox.sendWebhook({ kind, params: { phoneNumberId: CONNECTED_NUMBER_ID } });
			sent.push([kind, result.via, result.statusCounts, result.warnings]);
		}
		expect(sent).toEqual([
			['message_template_status_update', 'application', { 200: 1 }, []],
			['business_username_updates', 'application', { 200: 1 }, []],
			['account_settings_update', 'phone_number', { 200: 1 }, []],
		]);
		await graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { webhook_configuration: { override_callback_uri: '' } } });
		await graph(`/${OWNED_WABA_ID}/subscribed_apps`, { method: 'POST' });
		const posts = receiver.received.filter((request) => request.method === 'POST').map((request) => [request.url, JSON.parse(request.rawBody.toString()).entry[0].changes[0].field]);
		expect(posts).toEqual([
			['/hook', 'message_template_status_update'],
			['/hook', 'business_username_updates'],
			['/hook?for=number', 'account_settings_update'],
		]);
	});

	it('sends a partner event to the app, addressed to the WABA\'s partner portfolio and about the client WABA', async () => {
		await subscribe(`${receiverUrl}/hook`, 'account_update');
		const result = await sandbox.sendWebhook({ kind: 'partner_event', params: { wabaId: CLIENT_WABA_ID, event: 'PARTNER_ADDED' } });
		expect([result.via, result.statusCounts]).toEqual(['application', { 200: 1 }]);
		expect(result.payload.entry[0]).toMatchObject({
			id: '506914307656634',
			changes: [{ field: 'account_update', value: { event: 'PARTNER_ADDED', waba_info: { waba_id: CLIENT_WABA_ID, owner_business_id: '561234567890123' } } }],
		});
	});

	it('refuses to send without a callback, and an unknown signature mode', async () => {
		expect((await dev('/webhooks/send', { kind: 'account_update' })).status).toBe(400);
		expect((await dev('/webhooks/send', { kind: 'account_update', callbackUrl: `${receiverUrl}/hook`, signature: 'maybe' })).status).toBe(400);
	});
});

describe('webhook payload builders', () => {
	const target = { wabaId: OWNED_WABA_ID, phoneNumberId: CONNECTED_NUMBER_ID, displayPhoneNumber: '+1 631-555-5555', time: 1_739_321_024_000 };

	it('builds phone_number_quality_update FLAGGED in Meta\'s envelope', () => {
		expect(webhooks.phoneNumberQualityUpdate({ ...target, oldLimit: 'TIER_10K' })).toEqual({
			object: 'whatsapp_business_account',
			entry: [
				{
					id: OWNED_WABA_ID,
					time: 1_739_321_024,
					changes: [{ field: 'phone_number_quality_update', value: { display_phone_number: '16315555555', event: 'FLAGGED', current_limit: 'TIER_1K', old_limit: 'TIER_10K' } }],
				},
			],
		});
	});

	it('builds business_capability_update and account_update', () => {
		// Meta's current example: the portfolio's limit; the per-number field only when asked for.
		expect(webhooks.businessCapabilityUpdate(target).entry[0].changes[0]).toEqual({
			field: 'business_capability_update',
			value: { max_daily_conversations_per_business: 2000, max_phone_numbers_per_waba: 25 },
		});
		expect(webhooks.businessCapabilityUpdate({ ...target, maxDailyConversationPerPhone: 2000, maxDailyConversationsPerBusiness: 'TIER_2K' }).entry[0].changes[0].value).toEqual({
			max_daily_conversation_per_phone: 2000,
			max_daily_conversations_per_business: 'TIER_2K',
			max_phone_numbers_per_waba: 25,
		});
		const partner = webhooks.accountUpdate({ entryId: '506914307656634', event: 'PARTNER_ADDED', wabaInfo: { waba_id: OWNED_WABA_ID, owner_business_id: '506914307656634' } });
		expect(partner.entry[0].id).toBe('506914307656634');
		expect(partner.entry[0].changes[0].value).toEqual({ event: 'PARTNER_ADDED', waba_info: { waba_id: OWNED_WABA_ID, owner_business_id: '506914307656634' } });
	});

	it('builds identity deliveries: contacts[].identity_key_hash, the system message, and a 137000 status', () => {
		const message = webhooks.identityMessage({ ...target, identityKeyHash: 'abc=' }).entry[0].changes[0];
		expect(message.field).toBe('messages');
		expect(message.value.metadata).toEqual({ display_phone_number: '16315555555', phone_number_id: CONNECTED_NUMBER_ID });
		expect(message.value.contacts).toEqual([{ profile: { name: 'Sandbox Customer' }, wa_id: '16505551234', identity_key_hash: 'abc=' }]);

		const system = webhooks.identitySystemMessage(target).entry[0].changes[0].value.messages[0];
		expect(system).toMatchObject({ type: 'system', system: { type: 'customer_identity_changed' }, identity: { hash: 'DF2lS5v2W6x=', acknowledged: false } });

		const status = webhooks.identityMismatchStatus({ ...target, recipientIdentityKeyHash: 'old=' }).entry[0].changes[0].value.statuses[0];
		expect(status).toMatchObject({ status: 'failed', recipient_id: '16505551234', recipient_identity_key_hash: 'old=', errors: [{ code: 137000 }] });
	});

	it('builds account_alerts in Meta\'s shape (entity, then alert_info) and account_review_update', () => {
		expect(webhooks.accountAlerts({ ...target, alertType: 'OBA_REJECTED' }).entry[0].changes[0]).toEqual({
			field: 'account_alerts',
			value: {
				entity_type: 'PHONE_NUMBER',
				entity_id: CONNECTED_NUMBER_ID,
				alert_info: { alert_severity: 'CRITICAL', alert_status: 'ACTIVE', alert_type: 'OBA_REJECTED', alert_description: expect.stringContaining('rejected') },
			},
		});
		const limits = webhooks.accountAlerts({ ...target, businessId: '506914307656634', alertType: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED' });
		expect(limits.entry[0].changes[0].value).toMatchObject({ entity_type: 'BUSINESS', entity_id: '506914307656634', alert_info: { alert_severity: 'WARNING' } });
		expect(webhooks.accountReviewUpdate({ wabaId: OWNED_WABA_ID, decision: 'REJECTED', time: target.time })).toEqual({
			object: 'whatsapp_business_account',
			entry: [{ id: OWNED_WABA_ID, time: 1_739_321_024, changes: [{ field: 'account_review_update', value: { decision: 'REJECTED' } }] }],
		});
		expect(Object.keys(webhooks.builders)).toEqual(expect.arrayContaining(['account_alerts', 'account_review_update']));
	});

	it('builds every partner event addressed to the partner\'s portfolio, about the client\'s WABA', () => {
		const partner = { wabaId: CLIENT_WABA_ID, businessId: '506914307656634', ownerBusinessId: '561234567890123', time: target.time };
		const valueOf = (event: string, extra: Record<string, unknown> = {}) => {
			const payload = webhooks.partnerEvent({ ...partner, event, ...extra });
			expect([event, payload.entry[0].id, payload.entry[0].changes[0].field]).toEqual([event, '506914307656634', 'account_update']);
			return payload.entry[0].changes[0].value;
		};
		const owner = { waba_id: CLIENT_WABA_ID, owner_business_id: '561234567890123' };
		expect(valueOf('PARTNER_ADDED', { solutionId: '1715120619246906' })).toEqual({
			event: 'PARTNER_ADDED',
			waba_info: { ...owner, solution_id: '1715120619246906', solution_partner_business_ids: ['506914307656634'] },
		});
		expect(valueOf('PARTNER_APP_INSTALLED')).toEqual({ event: 'PARTNER_APP_INSTALLED', waba_info: { ...owner, partner_app_id: '5731794616896507' } });
		expect(valueOf('PARTNER_APP_UNINSTALLED')).toEqual({ event: 'PARTNER_APP_UNINSTALLED', waba_info: { ...owner, partner_app_id: '5731794616896507' } });
		expect(valueOf('PARTNER_REMOVED')).toEqual({ event: 'PARTNER_REMOVED', waba_info: owner });
		expect(valueOf('PARTNER_REMOVED', { disconnectionInfo: { reason: 'PRIMARY_INACTIVITY', initiated_by: 'SYSTEM' } })).toEqual({
			event: 'PARTNER_REMOVED',
			waba_info: owner,
			disconnection_info: { reason: 'PRIMARY_INACTIVITY', initiated_by: 'SYSTEM' },
		});
		expect(valueOf('AD_ACCOUNT_LINKED')).toEqual({ event: 'AD_ACCOUNT_LINKED', waba_info: { ...owner, ad_account_linked: '980198427534243' } });
		expect(valueOf('MM_LITE_TERMS_SIGNED')).toEqual({ event: 'MM_LITE_TERMS_SIGNED', waba_info: owner });
	});

	it('builds template, username, settings and user-ID webhooks in Meta\'s shapes', () => {
		const changeOf = (payload: webhooks.WebhookPayload) => payload.entry[0].changes[0];
		expect(changeOf(webhooks.messageTemplateStatusUpdate({ ...target, event: 'PAUSED' }))).toEqual({
			field: 'message_template_status_update',
			value: {
				event: 'PAUSED',
				message_template_id: 1689556908129832,
				message_template_name: 'order_confirmation',
				message_template_language: 'en_US',
				reason: 'NONE',
				message_template_category: 'UTILITY',
				other_info: { title: 'FIRST_PAUSE', description: expect.stringContaining('paused') },
			},
		});
		expect(changeOf(webhooks.messageTemplateStatusUpdate({ ...target, event: 'DISABLED' })).value.disable_info).toEqual({ disable_date: '1739321024' });
		expect(changeOf(webhooks.messageTemplateQualityUpdate({ ...target, newQualityScore: 'RED' }))).toEqual({
			field: 'message_template_quality_update',
			value: { previous_quality_score: 'GREEN', new_quality_score: 'RED', message_template_id: 806312974732579, message_template_name: 'welcome_template', message_template_language: 'en_US' },
		});
		expect(changeOf(webhooks.templateCategoryUpdate({ ...target, correctCategory: 'MARKETING' })).value).toMatchObject({
			correct_category: 'MARKETING',
			new_category: 'UTILITY',
			category_update_timestamp: 1_739_321_024 + 86_400,
		});
		expect(changeOf(webhooks.templateCategoryUpdate(target)).value).toMatchObject({ previous_category: 'UTILITY', new_category: 'MARKETING' });
		expect(changeOf(webhooks.businessUsernameUpdate(target))).toEqual({
			field: 'business_username_updates',
			value: { display_phone_number: '16315555555', username: 'acmesupport', status: 'approved' },
		});
		expect(changeOf(webhooks.businessUsernameUpdate({ ...target, status: 'deleted' })).value).toEqual({ display_phone_number: '16315555555', status: 'deleted' });
		expect(changeOf(webhooks.accountSettingsUpdate(target))).toEqual({
			field: 'account_settings_update',
			value: {
				messaging_product: 'whatsapp',
				timestamp: '1739321024',
				type: 'PHONE_NUMBER_SETTINGS',
				phone_number_settings: { phone_number_id: CONNECTED_NUMBER_ID, calling: expect.objectContaining({ status: 'ENABLED' }) },
			},
		});
		const [withWaId] = changeOf(webhooks.userIdChangedMessage(target)).value.messages;
		expect(withWaId).toMatchObject({ from: '16505551234', type: 'system', system: { wa_id: '16505551234', user_id: 'US.13491208655302741918', type: 'user_changed_user_id' } });
		const [withoutWaId] = changeOf(webhooks.userIdChangedMessage({ ...target, waId: null })).value.messages;
		expect(withoutWaId.from).toBeUndefined();
		expect(withoutWaId.system).toEqual({ body: expect.stringContaining('changed from'), user_id: 'US.13491208655302741918', type: 'user_changed_user_id' });
		expect(Object.keys(webhooks.builders)).toEqual(
			expect.arrayContaining([
				'partner_event',
				'message_template_status_update',
				'message_template_quality_update',
				'template_category_update',
				'business_username_updates',
				'account_settings_update',
				'user_changed_user_id',
			]),
		);
	});

	it('signs like Meta: sha256=<hex HMAC of the raw body>', () => {
		const body = '{"object":"whatsapp_business_account"}';
		expect(webhooks.signBody(body, 'secret')).toBe(`sha256=${createHmac('sha256', 'secret').update(body).digest('hex')}`);
	});
});
