/**
 * The "WhatsApp Business Accounts" list of version 2 (resource locators with "From List"), and the
 * comma-separated "WABA IDs" that workflows saved with version 1 keep.
 */
import nock from 'nock';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';
import { graphApi, graphPath, isolateNetwork, TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { TriggerHarness } from '../../harness/webhook';
import { envelope, OTHER_WABA_ID, qualityFlagged, signedDelivery, WABA_ID } from './fixtures';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const APP_ID = testCredentials.appId;
const appApi = () => graphApi(undefined, `${APP_ID}|${TEST_APP_SECRET}`);
/** Version 2's default events need these fields. */
const V2_FIELDS = [
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

function subscribeForm(callbackUrl: string, fields: string[]) {
	return new URLSearchParams({
		object: 'whatsapp_business_account',
		callback_url: callbackUrl,
		verify_token: testCredentials.webhookVerifyToken,
		fields: fields.join(','),
		include_values: 'true',
	}).toString();
}

const wabas = (...values: Array<{ mode: string; value: string }>) => ({
	waba: values.map((value) => ({ wabaId: { __rl: true, ...value } })),
});

let harness: TriggerHarness | undefined;

async function trigger(parameters: Record<string, unknown>) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials: testCredentials });
	return harness;
}

afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('the WABA list in the editor', () => {
	it('lists WABAs as resource locators "From List" or "By ID", the only WABA field', async () => {
		const description = (await loadPackage()).getNode(TYPE).type.description as INodeTypeDescription;
		expect(description.version).toBe(2);
		const list = description.properties.find((property) => property.name === 'wabas') as INodeProperties;
		expect(list).toMatchObject({ type: 'fixedCollection', typeOptions: { multipleValues: true } });
		expect(list.displayOptions).toBeUndefined();
		const locator = (list.options as Array<{ values: INodeProperties[] }>)[0].values[0];
		expect(locator).toMatchObject({ name: 'wabaId', type: 'resourceLocator' });
		expect(locator.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
			['list', 'searchWhatsAppBusinessAccounts'],
			['id', undefined],
		]);
		expect(description.properties.find((property) => property.name === 'wabaIds')).toBeUndefined();
	});
});

describe('version 2: the WABA list', () => {
	it('links the app to each WABA picked From List or By ID, with the default events of version 2', async () => {
		const node = await trigger({ wabas: wabas({ mode: 'list', value: WABA_ID }, { mode: 'id', value: ` ${OTHER_WABA_ID} ` }) });
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, { data: [] });
		appApi()
			.post(graphPath(`/${APP_ID}/subscriptions`), subscribeForm(node.webhookUrl, V2_FIELDS))
			.reply(200, { success: true });
		graphApi().post(graphPath(`/${WABA_ID}/subscribed_apps`)).reply(200, { success: true });
		graphApi().post(graphPath(`/${OTHER_WABA_ID}/subscribed_apps`)).reply(200, { success: true });
		await expect(node.hook('create')).resolves.toBe(true);
	});

	it('refuses a WABA "By ID" with letters, naming the list, before any request', async () => {
		const node = await trigger({ wabas: wabas({ mode: 'id', value: 'acme-waba' }) });
		await expect(node.hook('checkExists')).rejects.toMatchObject({
			message: 'WhatsApp Business Accounts must be a numeric Graph object ID, such as 106540352242922',
			description: expect.stringContaining('Pick each WABA From List'),
		});
	});

	it('starts the workflow only for events of the listed WABAs', async () => {
		const node = await trigger({ manageSubscription: false, wabas: wabas({ mode: 'list', value: WABA_ID }) });
		nock.enableNetConnect('127.0.0.1');
		await node.listen();
		await node.request('POST', signedDelivery(envelope('phone_number_quality_update', qualityFlagged, { wabaId: OTHER_WABA_ID })));
		await node.request('POST', signedDelivery(envelope('phone_number_quality_update', qualityFlagged)));
		await node.settle();
		expect(node.passedOn.map((items) => items.map((item) => item.json.wabaId))).toEqual([[WABA_ID]]);
	});
});

describe('version 2: the whole-app subscription, checked and removed as in version 1', () => {
	const ownSubscription = (callbackUrl: string, fields: string[]) => ({
		data: [{ object: 'whatsapp_business_account', callback_url: callbackUrl, active: true, fields: fields.map((name) => ({ name, version: 'v24.0' })) }],
	});

	it('reports an own subscription with every field of version 2 as existing; one without account_alerts is not', async () => {
		const node = await trigger({});
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, ownSubscription(node.webhookUrl, V2_FIELDS));
		await expect(node.hook('checkExists')).resolves.toBe(true);
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, ownSubscription(node.webhookUrl, V2_FIELDS.filter((field) => field !== 'account_alerts')));
		await expect(node.hook('checkExists')).resolves.toBe(false);
	});

	it('on deactivation removes the subscription whose URL is its own, and never touches an override', async () => {
		const node = await trigger({ wabas: wabas({ mode: 'list', value: WABA_ID }) });
		appApi().get(graphPath(`/${APP_ID}/subscriptions`)).reply(200, ownSubscription(node.webhookUrl, V2_FIELDS));
		appApi().delete(graphPath(`/${APP_ID}/subscriptions`)).query({ object: 'whatsapp_business_account' }).reply(200, { success: true });
		await expect(node.hook('delete')).resolves.toBe(true);
	});

	it('with management off, touches nothing in Meta', async () => {
		const node = await trigger({ manageSubscription: false, subscriptionScope: 'override', wabas: wabas({ mode: 'list', value: WABA_ID }) });
		await expect(node.hook('checkExists')).resolves.toBe(true);
		await expect(node.hook('delete')).resolves.toBe(true);
	});
});
