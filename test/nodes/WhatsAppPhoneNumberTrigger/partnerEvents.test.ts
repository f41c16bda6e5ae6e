/**
 * Partner `account_update` events through the engine, in the shapes Meta delivers them: addressed
 * to the solution partner's business portfolio (entry ID), about the client's WABA
 * (`waba_info.waba_id`). The item's wabaId is the client's WABA, the portfolio is kept beside it.
 */
import nock from 'nock';

import { isolateNetwork, TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { captureLogs, TriggerHarness } from '../../harness/webhook';
import { accountViolation, envelope, signedDelivery, WABA_ID } from './fixtures';
import {
	CLIENT_WABA_ID,
	PARTNER_PORTFOLIO_ID,
	PARTNER_TIME,
	partnerCertificationUpdate,
	partnerEvents,
} from './fixtures2026';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const partnerDelivery = (value: object, time = PARTNER_TIME) =>
	signedDelivery(envelope('account_update', value, { wabaId: PARTNER_PORTFOLIO_ID, time }));
const wabaList = (...ids: string[]) => ({ waba: ids.map((value) => ({ wabaId: { __rl: true, mode: 'id', value } })) });

let harness: TriggerHarness | undefined;
let logs: ReturnType<typeof captureLogs>;

async function startTrigger(parameters: Record<string, unknown>) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials: testCredentials, typeVersion: 2 });
	await harness.listen();
	return harness;
}

const itemsOf = () => harness!.passedOn.map((items) => items.map((item) => item.json));

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

describe('partner events: the WABA they are about, and the portfolio they were addressed to', () => {
	it.each(partnerEvents.map((partner) => [partner.name, partner] as const))(
		'%s: one item whose wabaId is waba_info.waba_id and whose businessPortfolioId is the entry ID',
		async (_name, partner) => {
			await startTrigger({ manageSubscription: false });
			const reply = await harness!.request('POST', partnerDelivery(partner.value));
			expect(reply.status).toBe(200);
			await harness!.settle();
			expect(itemsOf()).toEqual([
				[
					{
						eventGroup: 'status',
						field: 'account_update',
						event: partner.event,
						wabaId: partner.wabaId,
						businessPortfolioId: PARTNER_PORTFOLIO_ID,
						entryTime: new Date(PARTNER_TIME * 1000).toISOString(),
						displayPhoneNumber: null,
						phoneNumberId: null,
						waId: null,
						userId: null,
						identityKeyHash: null,
						previousIdentityKeyHash: null,
						changeId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
						value: partner.value,
					},
				],
			]);
		},
	);

	it('account updates addressed to the WABA itself keep its ID and name no portfolio', async () => {
		await startTrigger({ manageSubscription: false });
		await harness!.request('POST', signedDelivery(envelope('account_update', accountViolation)));
		await harness!.request('POST', signedDelivery(envelope('account_update', partnerCertificationUpdate)));
		await harness!.settle();
		expect(itemsOf().map((items) => items.map((item) => [item.event, item.wabaId, item.businessPortfolioId]))).toEqual([
			[['ACCOUNT_VIOLATION', WABA_ID, null]],
			[['PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE', WABA_ID, null]],
		]);
	});
});

describe('partner events and the filters', () => {
	it('the WABA list keeps the events about a listed client WABA and drops those about others', async () => {
		await startTrigger({ manageSubscription: false, wabas: wabaList(CLIENT_WABA_ID) });
		for (const partner of partnerEvents) await harness!.request('POST', partnerDelivery(partner.value));
		await harness!.settle();
		expect(itemsOf().map((items) => items.map((item) => [item.event, item.wabaId]))).toEqual(
			partnerEvents.filter((partner) => partner.wabaId === CLIENT_WABA_ID).map((partner) => [[partner.event, CLIENT_WABA_ID]]),
		);
		expect(itemsOf()).toHaveLength(5);
	});

	it("listing the partner's own portfolio ID as a WABA lets no partner event through: the filter is about WABAs", async () => {
		await startTrigger({ manageSubscription: false, wabas: wabaList(PARTNER_PORTFOLIO_ID) });
		for (const partner of partnerEvents) await harness!.request('POST', partnerDelivery(partner.value));
		await harness!.settle();
		expect(harness!.executions).toEqual([]);
	});

	it('Event Names narrows to PARTNER_ADDED, the event an onboarding workflow starts from', async () => {
		await startTrigger({ manageSubscription: false, options: { eventNames: 'partner_added' } });
		for (const partner of partnerEvents) await harness!.request('POST', partnerDelivery(partner.value));
		await harness!.settle();
		expect(itemsOf().map((items) => items.map((item) => [item.event, item.wabaId, item.businessPortfolioId]))).toEqual([
			[['PARTNER_ADDED', CLIENT_WABA_ID, PARTNER_PORTFOLIO_ID]],
		]);
	});

	it('a redelivered PARTNER_ADDED starts nothing the second time; the same event later does', async () => {
		await startTrigger({ manageSubscription: false });
		const added = partnerEvents[0].value;
		await harness!.request('POST', partnerDelivery(added));
		await harness!.settle();
		await harness!.request('POST', partnerDelivery(added));
		await harness!.settle();
		expect(harness!.executions).toHaveLength(1);
		await harness!.request('POST', partnerDelivery(added, PARTNER_TIME + 60));
		await harness!.settle();
		expect(harness!.executions).toHaveLength(2);
	});

	it('a partner event signed with another secret is refused with 401 and starts nothing', async () => {
		await startTrigger({ manageSubscription: false });
		const forged = signedDelivery(envelope('account_update', partnerEvents[0].value, { wabaId: PARTNER_PORTFOLIO_ID }), 'not-the-app-secret');
		expect((await harness!.request('POST', forged)).status).toBe(401);
		await harness!.settle();
		expect(harness!.executions).toEqual([]);
	});
});
