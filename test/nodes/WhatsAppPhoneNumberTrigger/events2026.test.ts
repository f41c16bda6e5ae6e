/**
 * The events Meta added by 2026, from signed delivery to items through the engine: template
 * alerts, business-username decisions, settings changes, business-scoped user ID changes, and the
 * per-portfolio messaging limit on capability items. Also how activation subscribes them and
 * which of them override mode refuses.
 */
import nock from 'nock';

import { graphApi, graphPath, isolateNetwork, TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { captureLogs, TriggerHarness } from '../../harness/webhook';
import {
	BUSINESS_METADATA,
	DISPLAY_PHONE_NUMBER,
	ENTRY_TIME,
	ENTRY_TIME_ISO,
	envelope,
	OTHER_WABA_ID,
	PHONE_NUMBER_ID,
	signedDelivery,
	WABA_ID,
} from './fixtures';
import {
	callingSettingsChanged,
	capabilityPerPortfolio,
	capabilityWithDeprecatedField,
	NEW_USER_ID,
	templatePaused,
	templateQualityRed,
	templateRecategorisationAhead,
	templateRecategorised,
	userIdChangedWithoutWaId,
	userIdChangedWithWaId,
	usernameApproved,
	usernameDeleted,
} from './fixtures2026';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const APP_ID = testCredentials.appId;
const TEMPLATES = { manageSubscription: false, eventGroups: ['template'] };

let harness: TriggerHarness | undefined;
let logs: ReturnType<typeof captureLogs>;

async function startTrigger(parameters: Record<string, unknown>, listen = true) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials: testCredentials, typeVersion: 2 });
	if (listen) await harness.listen();
	return harness;
}

async function deliverAll(...deliveries: Array<[string, object, number?]>) {
	for (const [field, value, time] of deliveries) {
		const reply = await harness!.request('POST', signedDelivery(envelope(field, value, { time: time ?? ENTRY_TIME })));
		expect(reply.status).toBe(200);
	}
	await harness!.settle();
}

const itemsOf = () => harness!.passedOn.map((items) => items.map((item) => item.json));

/** The keys of an item about the whole WABA. */
const wabaItem = {
	wabaId: WABA_ID,
	businessPortfolioId: null,
	entryTime: ENTRY_TIME_ISO,
	displayPhoneNumber: null,
	phoneNumberId: null,
	waId: null,
	userId: null,
	identityKeyHash: null,
	previousIdentityKeyHash: null,
	changeId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
};

beforeEach(() => {
	nock.enableNetConnect('127.0.0.1');
	logs = captureLogs();
});
afterEach(async () => {
	await harness?.close();
	const written = JSON.stringify([logs.lines, harness?.savedStaticData, harness?.executions]);
	expect(written).not.toContain(TEST_APP_SECRET);
	expect(written).not.toContain(testCredentials.webhookVerifyToken);
	logs.restore();
	harness = undefined;
});

describe('Templates group', () => {
	it('status, quality and category updates: one item each, named by what changed, about the whole WABA', async () => {
		await startTrigger(TEMPLATES);
		await deliverAll(
			['message_template_status_update', templatePaused],
			['message_template_quality_update', templateQualityRed],
			['template_category_update', templateRecategorisationAhead],
			['template_category_update', templateRecategorised],
		);
		expect(itemsOf()).toEqual([
			[{ ...wabaItem, eventGroup: 'template', field: 'message_template_status_update', event: 'PAUSED', value: templatePaused }],
			[{ ...wabaItem, eventGroup: 'template', field: 'message_template_quality_update', event: 'RED', value: templateQualityRed }],
			[{ ...wabaItem, eventGroup: 'template', field: 'template_category_update', event: 'MARKETING', value: templateRecategorisationAhead }],
			[{ ...wabaItem, eventGroup: 'template', field: 'template_category_update', event: 'MARKETING', value: templateRecategorised }],
		]);
	});

	it('starts nothing while the group is not picked (the default groups), nor for template events left out', async () => {
		await startTrigger({ manageSubscription: false });
		await deliverAll(['message_template_status_update', templatePaused]);
		expect(harness!.executions).toEqual([]);
		await harness!.close();
		await startTrigger({ ...TEMPLATES, templateEvents: ['message_template_status_update'] });
		await deliverAll(['message_template_quality_update', templateQualityRed], ['message_template_status_update', templatePaused]);
		expect(itemsOf().map((items) => items.map((item) => item.event))).toEqual([['PAUSED']]);
	});

	it('Business Phone Numbers keeps template events (they name no number); the WABA list and Event Names narrow them', async () => {
		await startTrigger({
			...TEMPLATES,
			wabas: { waba: [{ wabaId: { __rl: true, mode: 'id', value: WABA_ID } }] },
			options: { businessNumbers: '+1 555-078-3881', eventNames: 'PAUSED, DISABLED' },
		});
		await harness!.request('POST', signedDelivery(envelope('message_template_status_update', templatePaused, { wabaId: OTHER_WABA_ID })));
		await deliverAll(['message_template_status_update', { ...templatePaused, event: 'APPROVED' }], ['message_template_status_update', templatePaused]);
		expect(itemsOf().map((items) => items.map((item) => [item.wabaId, item.event]))).toEqual([[[WABA_ID, 'PAUSED']]]);
	});

	it('a redelivered template alert starts nothing the second time', async () => {
		await startTrigger(TEMPLATES);
		await deliverAll(['message_template_status_update', templatePaused], ['message_template_status_update', templatePaused]);
		expect(harness!.executions).toHaveLength(1);
	});
});

describe('Status group: business username and settings changes', () => {
	it('business_username_updates (and the singular spelling in Meta\'s example): the status as event, the business number', async () => {
		await startTrigger({ manageSubscription: false });
		await deliverAll(['business_username_updates', usernameApproved], ['business_username_update', usernameDeleted]);
		const usernameItem = { ...wabaItem, eventGroup: 'status', field: 'business_username_updates', displayPhoneNumber: DISPLAY_PHONE_NUMBER };
		expect(itemsOf()).toEqual([
			[{ ...usernameItem, event: 'approved', value: usernameApproved }],
			[{ ...usernameItem, event: 'deleted', value: usernameDeleted }],
		]);
	});

	it('account_settings_update: PHONE_NUMBER_SETTINGS, with the phone-number ID its settings belong to', async () => {
		await startTrigger({ manageSubscription: false });
		await deliverAll(['account_settings_update', callingSettingsChanged]);
		expect(itemsOf()).toEqual([
			[
				{
					...wabaItem,
					eventGroup: 'status',
					field: 'account_settings_update',
					event: 'PHONE_NUMBER_SETTINGS',
					phoneNumberId: PHONE_NUMBER_ID,
					value: callingSettingsChanged,
				},
			],
		]);
	});

	it('Business Phone Numbers narrows both to the numbers listed', async () => {
		await startTrigger({ manageSubscription: false, options: { businessNumbers: PHONE_NUMBER_ID } });
		const otherNumber = { ...callingSettingsChanged, phone_number_settings: { ...callingSettingsChanged.phone_number_settings, phone_number_id: '999000111222' } };
		await deliverAll(
			['account_settings_update', otherNumber],
			['account_settings_update', callingSettingsChanged],
			['business_username_updates', { ...usernameApproved, display_phone_number: '16315550000' }],
		);
		expect(itemsOf().map((items) => items.map((item) => [item.field, item.phoneNumberId]))).toEqual([[['account_settings_update', PHONE_NUMBER_ID]]]);
		await harness!.close();
		await startTrigger({ manageSubscription: false, options: { businessNumbers: '+1 555-078-3881' } });
		await deliverAll(['business_username_updates', usernameApproved], ['business_username_updates', { ...usernameApproved, display_phone_number: '16315550000' }]);
		expect(itemsOf().map((items) => items.map((item) => [item.event, item.displayPhoneNumber]))).toEqual([[['approved', DISPLAY_PHONE_NUMBER]]]);
	});

	it('a redelivered username decision starts nothing the second time', async () => {
		await startTrigger({ manageSubscription: false });
		await deliverAll(['business_username_updates', usernameApproved], ['business_username_updates', usernameApproved]);
		expect(harness!.executions).toHaveLength(1);
	});
});

describe('Identity group: Customer User ID Changed', () => {
	const identityOnly = { manageSubscription: false, eventGroups: ['identity'] };

	it('one item with the new user ID and the business number; waId from system.wa_id where Meta shares it', async () => {
		await startTrigger(identityOnly);
		await deliverAll(['messages', userIdChangedWithWaId]);
		const [message] = userIdChangedWithWaId.messages;
		expect(itemsOf()).toEqual([
			[
				{
					...wabaItem,
					eventGroup: 'identity',
					field: 'messages',
					event: 'user_changed_user_id',
					displayPhoneNumber: BUSINESS_METADATA.display_phone_number,
					phoneNumberId: PHONE_NUMBER_ID,
					waId: '16505559999',
					userId: NEW_USER_ID,
					value: { messaging_product: 'whatsapp', metadata: BUSINESS_METADATA, messages: [message] },
				},
			],
		]);
	});

	it('a payload without wa_id or from still gives one item, waId null', async () => {
		await startTrigger(identityOnly);
		await deliverAll(['messages', userIdChangedWithoutWaId]);
		expect(itemsOf()).toEqual([
			[expect.objectContaining({ event: 'user_changed_user_id', waId: null, userId: NEW_USER_ID, phoneNumberId: PHONE_NUMBER_ID })],
		]);
	});

	it('left out of Identity Events it starts nothing; a redelivery starts nothing the second time', async () => {
		await startTrigger({ ...identityOnly, identityEvents: ['identity_key_hash_changed'] });
		await deliverAll(['messages', userIdChangedWithoutWaId]);
		expect(harness!.executions).toEqual([]);
		await harness!.close();
		await startTrigger(identityOnly);
		await deliverAll(['messages', userIdChangedWithoutWaId], ['messages', userIdChangedWithoutWaId]);
		expect(harness!.executions).toHaveLength(1);
	});
});

describe('Capability items carry the messaging limit as Meta sends it', () => {
	it('max_daily_conversations_per_business per portfolio; the deprecated per-number field passes through when sent', async () => {
		await startTrigger({ manageSubscription: false });
		await deliverAll(['business_capability_update', capabilityPerPortfolio], ['business_capability_update', capabilityWithDeprecatedField]);
		expect(itemsOf()).toEqual([
			[{ ...wabaItem, eventGroup: 'capability', field: 'business_capability_update', event: 'business_capability_update', value: capabilityPerPortfolio }],
			[{ ...wabaItem, eventGroup: 'capability', field: 'business_capability_update', event: 'business_capability_update', value: capabilityWithDeprecatedField }],
		]);
	});
});

describe('activation', () => {
	const appApi = () => graphApi(undefined, `${APP_ID}|${TEST_APP_SECRET}`);

	it('subscribes the app to the template fields and business_username_updates when they are picked', async () => {
		const node = await startTrigger(
			{ eventGroups: ['template', 'status'], statusEvents: ['business_username_updates', 'account_settings_update'] },
			false,
		);
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, { data: [] });
		const fields = [
			'account_settings_update',
			'business_username_updates',
			'message_template_quality_update',
			'message_template_status_update',
			'template_category_update',
		];
		appApi()
			.post(
				graphPath(`/${APP_ID}/subscriptions`),
				new URLSearchParams({
					object: 'whatsapp_business_account',
					callback_url: node.webhookUrl,
					verify_token: testCredentials.webhookVerifyToken,
					fields: fields.join(','),
					include_values: 'true',
				}).toString(),
			)
			.reply(200, { success: true });
		await expect(node.hook('create')).resolves.toBe(true);
	});

	it('override mode refuses templates and username alone, before any request: they never follow an override', async () => {
		const node = await startTrigger(
			{
				subscriptionScope: 'override',
				eventGroups: ['template', 'status'],
				statusEvents: ['business_username_updates'],
				wabas: { waba: [{ wabaId: { __rl: true, mode: 'id', value: WABA_ID } }] },
			},
			false,
		);
		await expect(node.hook('checkExists')).rejects.toMatchObject({
			message: 'None of the picked events can arrive through an override',
			description: expect.stringContaining(
				'business_username_updates, message_template_quality_update, message_template_status_update, template_category_update always go to the app\'s callback URL',
			),
		});
	});
});
