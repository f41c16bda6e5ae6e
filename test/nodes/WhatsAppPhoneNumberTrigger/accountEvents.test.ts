/** account_alerts and account_review_update, and fields Meta adds later, from delivery to items. */
import nock from 'nock';

import { isolateNetwork, testCredentials } from '../../harness/graphMock';
import { TriggerHarness } from '../../harness/webhook';
import {
	accountReviewApproved,
	emit,
	ENTRY_TIME_ISO,
	envelope,
	limitIncreaseDeferred,
	obaApproved,
	PHONE_NUMBER_ID,
	settingsWith,
	signedDelivery,
	WABA_ID,
} from './fixtures';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';

/** The keys every item has, for an event about the whole account or a number named by ID only. */
const accountItem = {
	wabaId: WABA_ID,
	businessPortfolioId: null,
	entryTime: ENTRY_TIME_ISO,
	displayPhoneNumber: null,
	waId: null,
	userId: null,
	identityKeyHash: null,
	previousIdentityKeyHash: null,
	changeId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
};

let harness: TriggerHarness | undefined;

async function startTrigger(parameters: Record<string, unknown>) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials: testCredentials });
	await harness.listen();
	return harness;
}

beforeEach(() => nock.enableNetConnect('127.0.0.1'));
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('account_alerts and account_review_update through the webhook', () => {
	it('an OBA decision on a number: group status, the alert type as event name, the phone-number ID from the entity', async () => {
		await startTrigger({ manageSubscription: false });
		const reply = await harness!.request('POST', signedDelivery(envelope('account_alerts', obaApproved)));
		expect(reply.status).toBe(200);
		await harness!.settle();
		expect(harness!.passedOn.map((items) => items.map((item) => item.json))).toEqual([
			[{ ...accountItem, eventGroup: 'status', field: 'account_alerts', event: 'OBA_APPROVED', phoneNumberId: PHONE_NUMBER_ID, value: obaApproved }],
		]);
	});

	it('a messaging-limit alert about the business names no number, and the review decision is the event', async () => {
		await startTrigger({ manageSubscription: false });
		await harness!.request('POST', signedDelivery(envelope('account_alerts', limitIncreaseDeferred)));
		await harness!.request('POST', signedDelivery(envelope('account_review_update', accountReviewApproved)));
		await harness!.settle();
		expect(harness!.passedOn.map((items) => items.map((item) => item.json))).toEqual([
			[
				{
					...accountItem,
					eventGroup: 'status',
					field: 'account_alerts',
					event: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
					phoneNumberId: null,
					value: limitIncreaseDeferred,
				},
			],
			[{ ...accountItem, eventGroup: 'status', field: 'account_review_update', event: 'APPROVED', phoneNumberId: null, value: accountReviewApproved }],
		]);
	});

	it('a redelivered alert starts nothing the second time', async () => {
		await startTrigger({ manageSubscription: false });
		const delivery = signedDelivery(envelope('account_alerts', obaApproved));
		await harness!.request('POST', delivery);
		await harness!.settle();
		await harness!.request('POST', delivery);
		await harness!.settle();
		expect(harness!.executions).toHaveLength(1);
	});

	it('the Event Names and Business Phone Numbers filters apply to alerts', async () => {
		await startTrigger({ manageSubscription: false, options: { eventNames: 'OBA_REJECTED', businessNumbers: PHONE_NUMBER_ID } });
		const rejected = { ...obaApproved, alert_info: { ...obaApproved.alert_info, alert_type: 'OBA_REJECTED' } };
		const deliveries = [
			obaApproved, // another event name
			{ ...rejected, entity_id: '999000111222' }, // another number
			rejected, // both match
			{ ...rejected, entity_type: 'BUSINESS', entity_id: '506914307656634' }, // names no number: kept
		];
		for (const value of deliveries) await harness!.request('POST', signedDelivery(envelope('account_alerts', value)));
		await harness!.settle();
		expect(harness!.passedOn.map((items) => items.map((item) => [item.json.event, item.json.phoneNumberId]))).toEqual([
			[['OBA_REJECTED', PHONE_NUMBER_ID]],
			[['OBA_REJECTED', null]],
		]);
	});
});

describe('the catalogue is data: fields it does not know still arrive', () => {
	it('the older flat account_alerts shape is read too', () => {
		const flat = { entity_type: 'WABA', entity_id: WABA_ID, alert_severity: 'INFORMATIONAL', alert_status: 'NONE', alert_type: 'OBA_APPROVED' };
		expect(emit(envelope('account_alerts', flat), settingsWith())).toEqual([
			expect.objectContaining({ eventGroup: 'status', event: 'OBA_APPROVED', phoneNumberId: null, value: flat }),
		]);
	});

	it('a field Meta adds later arrives as one item of group "other" in the same shape, its event read like the known ones', async () => {
		await startTrigger({ manageSubscription: false });
		const future = { entity_type: 'PHONE_NUMBER', entity_id: PHONE_NUMBER_ID, alert_info: { alert_type: 'SOMETHING_NEW' } };
		await harness!.request('POST', signedDelivery(envelope('business_status_update', future)));
		await harness!.request('POST', signedDelivery(envelope('partner_solutions', { solution_id: '123' })));
		await harness!.settle();
		expect(harness!.passedOn.map((items) => items.map((item) => item.json))).toEqual([
			[{ ...accountItem, eventGroup: 'other', field: 'business_status_update', event: 'SOMETHING_NEW', phoneNumberId: PHONE_NUMBER_ID, value: future }],
			[{ ...accountItem, eventGroup: 'other', field: 'partner_solutions', event: 'partner_solutions', phoneNumberId: null, value: { solution_id: '123' } }],
		]);
	});

	it('with Include Other Fields off, an unknown field starts nothing', async () => {
		await startTrigger({ manageSubscription: false, options: { includeOtherFields: false } });
		await harness!.request('POST', signedDelivery(envelope('business_status_update', { event: 'X' })));
		await harness!.settle();
		expect(harness!.executions).toEqual([]);
	});
});
