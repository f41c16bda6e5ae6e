import nock from 'nock';

import { isolateNetwork, TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { captureLogs, TriggerHarness } from '../../harness/webhook';
import type { StoredMemory } from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import {
	customersIn,
	CUSTOMER_WA_ID,
	DISPLAY_PHONE_NUMBER,
	ENTRY_TIME_ISO,
	envelope,
	messageWithContactHash,
	PHONE_NUMBER_ID,
	pinChanged,
	qualityFlagged,
	signatureOf,
	signedDelivery,
	WABA_ID,
} from './fixtures';

isolateNetwork();

const TYPE = 'whatsAppPhoneNumberTrigger';
const VERIFY_TOKEN = testCredentials.webhookVerifyToken;
const manual = { manageSubscription: false };
/** n8n's own answer to a delivery that started nothing, given once the static data is saved. */
const RECEIVED = { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ message: 'Webhook call received' }) };

let harness: TriggerHarness;
let logs: ReturnType<typeof captureLogs>;

async function startTrigger(parameters: Record<string, unknown> = manual, credentials = testCredentials) {
	harness = await TriggerHarness.create({ type: TYPE, parameters: parameters as never, credentials });
	await harness.listen();
	return harness;
}

beforeEach(() => {
	nock.enableNetConnect('127.0.0.1');
	logs = captureLogs();
});

afterEach(async () => {
	await harness?.close();
	// Nothing the node wrote to n8n's logs or static data may carry a secret.
	const written = JSON.stringify([logs.lines, harness?.savedStaticData, harness?.executions]);
	expect(written).not.toContain(TEST_APP_SECRET);
	expect(written).not.toContain(VERIFY_TOKEN);
	logs.restore();
});

describe('GET: Meta verifies the callback URL', () => {
	it('answers 200 with the challenge as plain text for the right verify token', async () => {
		await startTrigger();
		const reply = await harness.request('GET', {
			query: { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' },
		});
		expect(reply).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: '1158201444' });
		expect(harness.executions).toEqual([]);
	});

	it('answers 403 to a wrong verify token, another mode, or a repeated challenge', async () => {
		await startTrigger();
		const queries: Array<Record<string, string>> = [
			{ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' },
			{ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' },
			{},
		];
		for (const query of queries) {
			expect(await harness.request('GET', { query })).toEqual({ status: 403, contentType: null, body: '' });
		}
		const repeated = new URL(harness.webhookUrl);
		repeated.search = `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1&hub.challenge=2`;
		expect((await fetch(repeated)).status).toBe(403);
		expect(harness.executions).toEqual([]);
	});
});

describe('POST: deliveries', () => {
	it('a signed delivery starts one execution with the normalised event, answered 200 at once', async () => {
		await startTrigger();
		const reply = await harness.request('POST', signedDelivery(envelope('phone_number_quality_update', qualityFlagged)));

		expect(reply.status).toBe(200);
		expect(JSON.parse(reply.body)).toEqual({ message: 'Workflow was started' });
		expect(harness.executions).toEqual([
			[
				{
					json: {
						eventGroup: 'status',
						field: 'phone_number_quality_update',
						event: 'FLAGGED',
						wabaId: WABA_ID,
						businessPortfolioId: null,
						entryTime: ENTRY_TIME_ISO,
						displayPhoneNumber: DISPLAY_PHONE_NUMBER,
						phoneNumberId: null,
						waId: null,
						userId: null,
						identityKeyHash: null,
						previousIdentityKeyHash: null,
						changeId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
						value: qualityFlagged,
					},
				},
			],
		]);
		// The execution passes the items on unchanged.
		await harness.settle();
		expect(harness.passedOn.map((items) => items.map((item) => item.json))).toEqual(
			harness.executions.map((items) => items.map((item) => item.json)),
		);
	});

	it('a missing signature gets 401 and starts nothing', async () => {
		await startTrigger();
		const { body } = signedDelivery(envelope('security', pinChanged));
		const reply = await harness.request('POST', { body, headers: { 'content-type': 'application/json' } });
		expect(reply).toEqual({ status: 401, contentType: null, body: '' });
		expect(harness.executions).toEqual([]);
		expect(logs.lines).toEqual([expect.stringMatching(/^debug: .*refused a delivery without a valid X-Hub-Signature-256/)]);
	});

	it('a signature made with another secret gets 401', async () => {
		await startTrigger();
		const reply = await harness.request('POST', signedDelivery(envelope('security', pinChanged), 'attacker-secret'));
		expect(reply.status).toBe(401);
		expect(harness.executions).toEqual([]);
	});

	it('a body changed after signing (re-serialised) gets 401', async () => {
		await startTrigger();
		const { body, headers } = signedDelivery(envelope('security', pinChanged));
		const reserialised = JSON.stringify(JSON.parse(body.toString()), null, 1);
		expect((await harness.request('POST', { body: reserialised, headers })).status).toBe(401);
		expect(harness.executions).toEqual([]);
	});

	it('a credential without app secret refuses every delivery with 401', async () => {
		await startTrigger(manual, { ...testCredentials, appSecret: '' });
		const reply = await harness.request('POST', signedDelivery(envelope('security', pinChanged), ''));
		expect(reply.status).toBe(401);
		expect(harness.executions).toEqual([]);
	});

	it('with Skip Signature Verification (Unsafe) an unsigned delivery runs', async () => {
		await startTrigger({ ...manual, options: { skipSignatureVerification: true } }, { ...testCredentials, appSecret: '' });
		const reply = await harness.request('POST', {
			body: JSON.stringify(envelope('security', pinChanged)),
			headers: { 'content-type': 'application/json' },
		});
		expect(reply.status).toBe(200);
		expect(harness.executions).toHaveLength(1);
	});

	it('with Skip Signature Verification (Unsafe) but an app secret in the credential, every delivery is still verified', async () => {
		await startTrigger({ ...manual, options: { skipSignatureVerification: true } });
		const forged = await harness.request('POST', {
			body: JSON.stringify(envelope('security', pinChanged)),
			headers: { 'content-type': 'application/json' },
		});
		expect(forged.status).toBe(401);
		expect((await harness.request('POST', signedDelivery(envelope('security', pinChanged)))).status).toBe(200);
		expect(harness.executions).toHaveLength(1);
	});

	it('a signed body that is not a WhatsApp Business Account notification gets 200 and starts nothing', async () => {
		await startTrigger();
		for (const payload of [{ object: 'page', entry: [] }, { object: 'whatsapp_business_account' }]) {
			expect(await harness.request('POST', signedDelivery(payload))).toEqual(RECEIVED);
		}
		expect(harness.executions).toEqual([]);
	});

	it('a signed malformed body that n8n passes on (not declared as JSON) gets 200 and starts nothing', async () => {
		await startTrigger();
		const body = '{"object":"whatsapp_business_account","entry":[';
		const reply = await harness.request('POST', {
			body,
			headers: { 'content-type': 'text/plain', 'x-hub-signature-256': signatureOf(body) },
		});
		expect(reply).toEqual(RECEIVED);
		expect(harness.executions).toEqual([]);
	});

	it('malformed JSON declared as JSON is refused by n8n itself (422) before the node runs', async () => {
		await startTrigger();
		const body = '{"object":';
		const reply = await harness.request('POST', {
			body,
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body) },
		});
		expect(reply.status).toBe(422);
		expect(harness.executions).toEqual([]);
	});

	it('a delivery whose events are all filtered out gets 200 and starts nothing', async () => {
		await startTrigger({ ...manual, options: { eventNames: 'DOWNGRADE' } });
		const reply = await harness.request('POST', signedDelivery(envelope('phone_number_quality_update', qualityFlagged)));
		expect(reply).toEqual(RECEIVED);
		expect(harness.executions).toEqual([]);
	});

	it('a redelivery starts no second execution, with the memory kept in the saved static data', async () => {
		await startTrigger();
		const delivery = signedDelivery(envelope('phone_number_quality_update', qualityFlagged));
		expect((await harness.request('POST', delivery)).body).toContain('Workflow was started');
		expect(await harness.request('POST', delivery)).toEqual(RECEIVED);
		expect(harness.executions).toHaveLength(1);
		await harness.settle();
		expect(harness.savedStaticData).toEqual({
			'node:WhatsApp Phone Number Trigger': {
				revision: expect.any(String),
				changes: harness.executions[0][0].json.changeId,
			},
		});
	});

	it('detects an identity change across two deliveries through the saved static data', async () => {
		await startTrigger();
		await harness.request('POST', signedDelivery(envelope('messages', messageWithContactHash('hash-A'))));
		expect(harness.executions).toEqual([]);

		await harness.request('POST', signedDelivery(envelope('messages', messageWithContactHash('hash-B'), { time: 1739321999 })));
		expect(harness.executions).toHaveLength(1);
		expect(harness.executions[0].map((item) => item.json)).toEqual([
			expect.objectContaining({
				eventGroup: 'identity',
				event: 'identity_key_hash_changed',
				wabaId: WABA_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				waId: CUSTOMER_WA_ID,
				identityKeyHash: 'hash-B',
				previousIdentityKeyHash: 'hash-A',
			}),
		]);
		await harness.settle();
		const stored = harness.savedStaticData['node:WhatsApp Phone Number Trigger'] as StoredMemory;
		expect(Object.values(customersIn(stored))).toEqual([['hash-B', expect.any(Number)]]);
	});
});
