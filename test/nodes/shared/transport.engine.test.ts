/**
 * The one sender, run through n8n's engine against local servers: a hostile Graph stand-in
 * on 127.0.0.1 and a second loopback address, 127.0.0.2, standing in for another host. Every
 * request of an operation takes the node's Timeout; no redirect is followed with a
 * credential; a secret is removed from errors in every form it takes in a text.
 */
import nock from 'nock';

import { jsonOf, runNode, type RunNodeOptions } from '../../harness/engine';
import { startBadGraph, type BadGraph } from '../../harness/badGraph';
import { TEST_ACCESS_TOKEN, testCredentials } from '../../harness/graphMock';

const PHONE_NUMBER_ID = '106540352242922';
const WABA_ID = '102290129340398';
const BUSINESS_ID = '506914307656634';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF lucky shrub photo'), Buffer.from([0xff, 0xd9])]);
const photoItem = { json: {}, binary: { data: { data: JPEG_BYTES.toString('base64'), mimeType: 'image/jpeg', fileName: 'profile.jpg' } } };

let graph: BadGraph;
let otherHost: BadGraph;

beforeAll(async () => {
	graph = await startBadGraph('127.0.0.1');
	otherHost = await startBadGraph('127.0.0.2');
	nock.disableNetConnect();
	nock.enableNetConnect(/^127\.0\.0\.[12](:\d+)?$/);
});
afterAll(async () => {
	await graph.close();
	await otherHost.close();
	nock.enableNetConnect();
});
beforeEach(() => otherHost.answer({ status: 200, body: { id: 'stolen' } }));

function run(type: string, parameters: RunNodeOptions['parameters'], extra: Partial<RunNodeOptions> = {}) {
	return runNode({ type, parameters, credentials: { ...testCredentials, baseUrl: graph.url }, ...extra });
}

describe('one sender: the Timeout applies to every request of an operation', () => {
	it("Find Claimed reads the WABA's numbers, after the pool, within the node's Timeout (Seconds)", async () => {
		graph.answer({ status: 200, body: { data: [{ id: '735310491839127', phone_number: '15550783881' }] } }, { hang: true });

		const started = Date.now();
		const { items, error } = await run('whatsAppPreVerifiedNumbers', {
			operation: 'findClaimed',
			businessId: byId(BUSINESS_ID),
			wabaId: byId(WABA_ID),
			timeoutSeconds: 1,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('The Graph API did not answer within 1 second (timed out)');
		// Under the default 30 seconds, one attempt alone would outlast this test.
		expect(Date.now() - started).toBeLessThan(25_000);
		expect(graph.received[0]).toMatchObject({
			method: 'GET',
			path: `/v24.0/${BUSINESS_ID}/preverified_numbers`,
			query: { fields: 'id,phone_number', limit: '100' },
			authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
		});
		// A read: tried four times, each within the Timeout.
		expect(graph.received.slice(1)).toHaveLength(4);
		for (const request of graph.received.slice(1)) {
			expect(request).toMatchObject({
				method: 'GET',
				path: `/v24.0/${WABA_ID}/phone_numbers`,
				query: { fields: 'id,display_phone_number,code_verification_status,status,last_onboarded_time', limit: '100' },
				authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
			});
		}
	});

	it('Get Many Across WABAs lists the WABAs within the Timeout', async () => {
		graph.answer({ hang: true });

		const { items, error } = await run('whatsAppPhoneNumbers', {
			operation: 'getAllAcrossWabas',
			businessId: byId(BUSINESS_ID),
			returnAll: true,
			requestOptions: { timeout: 300 },
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('The Graph API did not answer within 0.3 seconds (timed out)');
		expect(graph.received).toHaveLength(4);
		for (const request of graph.received) {
			expect(request).toMatchObject({
				method: 'GET',
				path: `/v24.0/${BUSINESS_ID}/owned_whatsapp_business_accounts`,
				query: { fields: 'id,name,owner_business_info', limit: '100' },
				authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
			});
		}
	});

	it('Update Profile starts the photo upload within the Timeout, and leaves the profile alone', async () => {
		graph.answer({ hang: true });

		const { items, error } = await run(
			'whatsAppBusinessProfile',
			{ operation: 'updateProfile', phoneNumberId: byId(PHONE_NUMBER_ID), profileFields: {}, profilePhoto: 'binary', photoBinaryPropertyName: 'data', requestOptions: { timeout: 300 } },
			{ input: [photoItem] },
		);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Profile photo upload, step 1 of 2 (starting an upload session) failed: The Graph API did not answer within 0.3 seconds (timed out)',
		);
		expect(error?.description).toContain('The profile was not changed');
		expect(graph.received).toHaveLength(4);
		for (const request of graph.received) {
			expect(request).toMatchObject({
				method: 'POST',
				path: `/v24.0/${testCredentials.appId}/uploads`,
				query: { file_length: String(JPEG_BYTES.length), file_type: 'image/jpeg', file_name: 'profile.jpg' },
				authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
			});
		}
	});

	it('QR Create downloads its image within the Timeout, without the token, and says the code exists', async () => {
		const imageUrl = `${graph.url}/qr/ANED2T5QRU7HG1.png`;
		graph.answer(
			{ status: 200, body: { code: 'ANED2T5QRU7HG1', prefilled_message: 'Hi', deep_link_url: 'https://wa.me/message/ANED2T5QRU7HG1', qr_image_url: imageUrl } },
			{ hang: true },
		);

		const { items, error } = await run('whatsAppQrCodes', {
			operation: 'create',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			prefilledMessage: 'Hi',
			imageFormat: 'PNG',
			requestOptions: { timeout: 300 },
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The PNG image of QR code ANED2T5QRU7HG1 could not be downloaded: the image address could not be reached (timeout of 300ms exceeded)',
		);
		expect(error?.description).toMatch(/^The QR code was created/);
		expect(graph.received[0]).toMatchObject({
			method: 'POST',
			path: `/v24.0/${PHONE_NUMBER_ID}/message_qrdls`,
			authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
		});
		expect(JSON.parse(graph.received[0].body)).toEqual({ prefilled_message: 'Hi', generate_qr_image: 'PNG' });
		// The download is sent once (a code's image can be read again with Get), never with the token.
		expect(graph.received.slice(1)).toHaveLength(1);
		for (const request of graph.received.slice(1)) {
			expect(request).toMatchObject({ method: 'GET', path: '/qr/ANED2T5QRU7HG1.png', authorization: undefined });
		}
	});
});

describe('one sender: a redirect is never followed with the credential', () => {
	const redirect = () => ({ status: 307, body: '', headers: { location: `${otherHost.url}/v24.0/${PHONE_NUMBER_ID}` } });
	const otherHostName = () => new URL(otherHost.url).host;

	function expectRedirectRefused(error: Awaited<ReturnType<typeof run>>['error']) {
		expect(error?.message).toBe(`The Graph API address answered HTTP 307, a redirect to ${otherHostName()}, which the node does not follow`);
		expect(error?.description).toContain(`the access token was not sent to ${otherHostName()}`);
		expect(otherHost.received).toEqual([]);
	}

	it('for a read (Get): one request to Graph, none to the other host', async () => {
		graph.answer(redirect());

		const { items, error } = await run('whatsAppPhoneNumbers', { operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) });

		expect(items).toEqual([]);
		expectRedirectRefused(error);
		expect(graph.received).toEqual([
			expect.objectContaining({ method: 'GET', path: `/v24.0/${PHONE_NUMBER_ID}`, authorization: `Bearer ${TEST_ACCESS_TOKEN}` }),
		]);
	});

	it('for a write (Register): the PIN and the token stay with Graph', async () => {
		graph.answer(redirect());

		const { items, error } = await run('whatsAppPhoneNumbers', { operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '482913' });

		expect(items).toEqual([]);
		expectRedirectRefused(error);
		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({ method: 'POST', path: `/v24.0/${PHONE_NUMBER_ID}/register`, authorization: `Bearer ${TEST_ACCESS_TOKEN}` });
		expect(JSON.parse(graph.received[0].body)).toEqual({ messaging_product: 'whatsapp', pin: '482913' });
	});

	it('for the first upload step (starting a session)', async () => {
		graph.answer(redirect());

		const { items, error } = await run(
			'whatsAppBusinessProfile',
			{ operation: 'updateProfile', phoneNumberId: byId(PHONE_NUMBER_ID), profileFields: {}, profilePhoto: 'binary', photoBinaryPropertyName: 'data' },
			{ input: [photoItem] },
		);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Profile photo upload, step 1 of 2 (starting an upload session) failed: The Graph API address answered HTTP 307, a redirect to ${otherHostName()}, which the node does not follow`,
		);
		expect(otherHost.received).toEqual([]);
		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({ method: 'POST', path: `/v24.0/${testCredentials.appId}/uploads`, authorization: `Bearer ${TEST_ACCESS_TOKEN}` });
	});

	it('for the second upload step (the bytes, with OAuth)', async () => {
		graph.answer({ status: 200, body: { id: 'upload:MTphdHRhY2htZW50' } }, redirect());

		const { items, error } = await run(
			'whatsAppBusinessProfile',
			{ operation: 'updateProfile', phoneNumberId: byId(PHONE_NUMBER_ID), profileFields: {}, profilePhoto: 'binary', photoBinaryPropertyName: 'data' },
			{ input: [photoItem] },
		);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			`Profile photo upload, step 2 of 2 (sending the photo) failed: The Graph API address answered HTTP 307, a redirect to ${otherHostName()}, which the node does not follow`,
		);
		expect(otherHost.received).toEqual([]);
		expect(graph.received).toHaveLength(2);
		expect(graph.received[1]).toMatchObject({ method: 'POST', path: '/v24.0/upload:MTphdHRhY2htZW50', authorization: `OAuth ${TEST_ACCESS_TOKEN}` });
		expect(graph.received[1].body).toContain('JFIF lucky shrub photo');
	});
});

describe('one sender: secrets are removed in every form a text holds them', () => {
	// Characters that JSON escapes (" and \) and that URL encoding changes (/ + & = and space).
	const oddToken = 'EAAG"odd\\token/with+plus&amp=eq space 42';
	const forms = [oddToken, JSON.stringify(oddToken).slice(1, -1), encodeURIComponent(oddToken), new URLSearchParams({ t: oddToken }).toString().slice(2)];

	function expectNoForm(text: string) {
		for (const form of forms) expect(text).not.toContain(form);
		expect(text).toContain('[redacted]');
	}

	it('in the excerpt of an answer that is not Graph data, echoing the token raw, JSON-escaped and URL-encoded', async () => {
		graph.answer({ status: 200, body: [{ raw: oddToken, query: `access_token=${encodeURIComponent(oddToken)}`, form: new URLSearchParams({ t: oddToken }).toString() }] });

		const { items, error } = await run(
			'whatsAppPhoneNumbers',
			{ operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) },
			{ credentials: { ...testCredentials, baseUrl: graph.url, accessToken: oddToken } },
		);

		expect(items).toEqual([]);
		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({ method: 'GET', path: `/v24.0/${PHONE_NUMBER_ID}`, authorization: `Bearer ${oddToken}` });
		expect(error?.message).toMatch(/HTTP 200 with something other than a Graph JSON object/);
		expectNoForm(String(error?.description));
		expectNoForm(JSON.stringify({ message: error?.message, description: error?.description, context: error?.context }));
	});

	it("in Meta's error message and in the error item kept with On Error: Continue", async () => {
		graph.answer({
			status: 400,
			body: { error: { message: `Invalid token ${oddToken} (sent as ${encodeURIComponent(oddToken)})`, type: 'OAuthException', code: 190, fbtrace_id: 'AbC' } },
		});

		const { items, error } = await run(
			'whatsAppPhoneNumbers',
			{ operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) },
			{ credentials: { ...testCredentials, baseUrl: graph.url, accessToken: oddToken }, onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(graph.received).toHaveLength(1);
		const [item] = jsonOf(items);
		expect(item.error).toMatch(/^The access token was rejected by Meta/);
		expect(item.details).toMatchObject({ code: 190, fbtrace_id: 'AbC', httpCode: '400' });
		expectNoForm(JSON.stringify(item));
	});
});
