/**
 * The request runner every operation goes through, run through n8n's engine against a
 * local server that answers badly: wrong shapes, proxy pages, hangs, resets, transient
 * errors. Request counts show what is retried and what is sent once.
 */
import nock from 'nock';

import { jsonOf, runNode, type RunNodeOptions } from '../../harness/engine';
import { startBadGraph, type BadGraph } from '../../harness/badGraph';
import { graphErrorBody, TEST_ACCESS_TOKEN, testCredentials } from '../../harness/graphMock';

const PHONE_NUMBER_ID = '106540352242922';
const WABA_ID = '102290129340398';
const PRE_VERIFIED_ID = '735310491839127';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** n8n's own Request Options › Timeout (ms) wins over the node's seconds, so tests can wait briefly. */
const SHORT_TIMEOUT = { requestOptions: { timeout: 300 } };

let graph: BadGraph;

beforeAll(async () => {
	graph = await startBadGraph();
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(async () => {
	await graph.close();
	nock.enableNetConnect();
});

function run(type: string, parameters: RunNodeOptions['parameters'], extra: Partial<RunNodeOptions> = {}) {
	return runNode({ type, parameters, credentials: { ...testCredentials, baseUrl: graph.url }, ...extra });
}

const getNumber = (extra = {}) => run('whatsAppPhoneNumbers', { operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID), ...extra });
const listNumbers = () => run('whatsAppPhoneNumbers', { operation: 'getAll', wabaId: byId(WABA_ID), returnAll: true });
const register = (extra = {}) =>
	run('whatsAppPhoneNumbers', { operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '482913', ...extra });

function expectGetRequests(count: number) {
	expect(graph.received).toHaveLength(count);
	for (const request of graph.received) {
		expect(request).toMatchObject({
			method: 'GET',
			path: `/v24.0/${PHONE_NUMBER_ID}`,
			query: { fields: expect.stringContaining('display_phone_number') },
			authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
		});
	}
}

describe('Graph request runner: answers that are not Graph data', () => {
	it.each([
		['invalid JSON', '{"id": "1065', /HTTP 200 with something other than a Graph JSON object \(text\/html; charset=utf-8\)/, 'It began: {"id": "1065.'],
		['an empty body', '', /HTTP 200 with something other than a Graph JSON object/, 'It began: (empty body).'],
		['a JSON array', [{ id: PHONE_NUMBER_ID }], /HTTP 200 with something other than a Graph JSON object \(application\/json\)/, `It began: [{"id":"${PHONE_NUMBER_ID}"}].`],
	])('fails on %s with status 200 instead of outputting it', async (_case, body, message, excerpt) => {
		graph.answer({ status: 200, body });

		const { items, error } = await getNumber();

		expectGetRequests(1);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(message);
		expect(error?.description).toContain(excerpt);
		expect(error?.description).toMatch(/Check the credential's Base URL/);
	});

	it('fails on a login page that echoes the token, showing its first bytes without the token', async () => {
		const page = `<html><body><h1>Sign in</h1><p>Your request: Authorization: Bearer ${TEST_ACCESS_TOKEN}</p>${'<p>filler</p>'.repeat(100)}</body></html>`;
		graph.answer({ status: 200, body: page });

		const { run: execution, items, error } = await getNumber();

		expectGetRequests(1);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The Graph API address answered HTTP 200 with something other than a Graph JSON object (text/html; charset=utf-8)',
		);
		expect(error?.description).toContain('It began: <html><body><h1>Sign in</h1><p>Your request: Authorization: Bearer [redacted]</p>');
		expect(error?.description?.length).toBeLessThan(700);
		expect(JSON.stringify(execution)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('fails a list whose page has no data array instead of returning nothing', async () => {
		graph.answer({ status: 200, body: { paging: {} } });

		const { items, error } = await listNumbers();

		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({ method: 'GET', path: `/v24.0/${WABA_ID}/phone_numbers`, query: { limit: '100' } });
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/something other than a Graph list page \(a JSON object with a data array\)/);
	});

	it("gives a proxy's error page advice about the proxy, not Meta's", async () => {
		graph.answer({ status: 500, body: '<html>Internal proxy error</html>' });

		const { error } = await getNumber();

		expectGetRequests(1);
		expect(error?.message).toBe('The Graph API address answered HTTP 500 without a Graph error (text/html; charset=utf-8)');
		expect(error?.description).not.toMatch(/message from Meta/);
		expect(error?.description).toMatch(/proxy/);
	});
});

describe('Graph request runner: retries by kind of operation', () => {
	it('retries a read after a gateway 502 and outputs the second answer', async () => {
		graph.answer({ status: 502, body: '<html>Bad gateway</html>' }, { status: 200, body: { id: PHONE_NUMBER_ID } });

		const { items, error } = await getNumber();

		expect(error).toBeUndefined();
		expectGetRequests(2);
		expect(jsonOf(items)).toEqual([{ id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('retries a read after a dropped connection', async () => {
		graph.answer({ reset: true }, { status: 200, body: { id: PHONE_NUMBER_ID } });

		const { items, error } = await getNumber();

		expect(error).toBeUndefined();
		expectGetRequests(2);
		expect(jsonOf(items)).toEqual([{ id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('times out a read that never gets an answer, retries it, and says after how long', async () => {
		graph.answer({ hang: true });

		const { error } = await getNumber(SHORT_TIMEOUT);

		expectGetRequests(4);
		expect(error?.message).toBe('The Graph API did not answer within 0.3 seconds (timed out)');
		expect(error?.description).toMatch(/The node tried 4 times with increasing pauses\./);
		expect(error?.description).not.toMatch(/outcome is unknown/);
	}, 20_000);

	it('sends a register that timed out once, and says its outcome is unknown and how to check it', async () => {
		graph.answer({ hang: true });

		const { error } = await register(SHORT_TIMEOUT);

		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({
			method: 'POST',
			path: `/v24.0/${PHONE_NUMBER_ID}/register`,
			authorization: `Bearer ${TEST_ACCESS_TOKEN}`,
		});
		expect(JSON.parse(graph.received[0].body)).toEqual({ messaging_product: 'whatsapp', pin: '482913' });
		expect(error?.message).toMatch(/did not answer within .* seconds \(timed out\)/);
		expect(error?.description).toMatch(/outcome is unknown: read the number with Get and look at its status/);
		expect(error?.description).toMatch(/sent once and not repeated: each register or deregister call counts/);
	});

	it("uses the node's Timeout (Seconds) setting when n8n's Request Options leave the timeout unset", async () => {
		graph.answer({ hang: true });
		const started = Date.now();

		const { error } = await register({ timeoutSeconds: 1 });

		expect(graph.received).toHaveLength(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect(error?.message).toBe('The Graph API did not answer within 1 second (timed out)');
	});

	it('reports a refused connection as a network failure, not as a message from Meta', async () => {
		// Nothing listens on port 9 of the loopback address.
		const { run: execution, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) },
			credentials: { ...testCredentials, baseUrl: 'http://127.0.0.1:9' },
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The Graph API could not be reached (ECONNREFUSED)');
		expect(error?.description).toMatch(/came from the network, not from Meta/);
		expect(JSON.stringify(execution)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('does not call the outcome of a write unknown when the connection was refused: nothing was sent', async () => {
		const { error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '482913' },
			credentials: { ...testCredentials, baseUrl: 'http://127.0.0.1:9' },
		});

		expect(error?.message).toBe('The Graph API could not be reached (ECONNREFUSED)');
		expect(error?.description).not.toMatch(/outcome is unknown/);
		expect(JSON.stringify(error)).not.toContain('482913');
	});

	it.each([
		['a Graph transient error', { status: 500, body: graphErrorBody(131000, 'Something went wrong', { is_transient: true }) }],
		['a gateway 503', { status: 503, body: '<html>Service unavailable</html>' }],
	])('sends Verify Code once after %s: the first attempt may have used up the code', async (_case, answer) => {
		graph.answer(answer);

		const { error } = await run('whatsAppVerification', {
			operation: 'verifyCode',
			numberType: 'phoneNumber',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			code: '123-456',
		});

		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({
			method: 'POST',
			path: `/v24.0/${PHONE_NUMBER_ID}/verify_code`,
			query: { code: '123456' },
		});
		expect(error?.description).toMatch(/sent once and not repeated: the first attempt may already have used up the one-time code/);
	});

	it('sends Request Code once after a gateway 503: a repeat would send the person another code', async () => {
		graph.answer({ status: 503, body: '<html>Service unavailable</html>' });

		const { error } = await run('whatsAppVerification', {
			operation: 'requestCode',
			numberType: 'preVerifiedNumber',
			preVerifiedNumberId: byId(PRE_VERIFIED_ID),
			codeMethod: 'SMS',
			language: 'en_US',
		});

		expect(graph.received).toHaveLength(1);
		expect(graph.received[0]).toMatchObject({
			method: 'POST',
			path: `/v24.0/${PRE_VERIFIED_ID}/request_code`,
			query: { code_method: 'SMS', language: 'en_US' },
		});
		expect(error?.message).toBe('The Graph API address answered HTTP 503 without a Graph error (text/html; charset=utf-8)');
		expect(error?.description).toMatch(/sent once and not repeated: a second request would send another code/);
	});

	it('sets the two-step PIN again after a dropped connection: setting the same PIN twice changes nothing', async () => {
		graph.answer({ reset: true }, { status: 200, body: { success: true } });

		const { run: execution, items, error } = await run('whatsAppSettings', {
			operation: 'setTwoStepPin',
			phoneNumberId: byId(PHONE_NUMBER_ID),
			pin: '246810',
		});

		expect(error).toBeUndefined();
		expect(graph.received.map(({ method, path, body }) => [method, path, JSON.parse(body)])).toEqual([
			['POST', `/v24.0/${PHONE_NUMBER_ID}`, { pin: '246810' }],
			['POST', `/v24.0/${PHONE_NUMBER_ID}`, { pin: '246810' }],
		]);
		expect(jsonOf(items)).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID }]);
		const withoutNodeDefinitions = JSON.stringify(execution, (key, value) => (key === 'node' ? undefined : value));
		expect(withoutNodeDefinitions).not.toContain('246810');
	});

	it('deletes again after a transient error and, finding the number gone, says the first attempt deleted it', async () => {
		graph.answer(
			{ status: 500, body: graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }) },
			{ status: 400, body: graphErrorBody(100, 'Unsupported delete request. Object does not exist', { error_subcode: 33 }) },
		);

		const { items, error } = await run('whatsAppPreVerifiedNumbers', { operation: 'delete', preVerifiedNumberId: byId(PRE_VERIFIED_ID) });

		expect(error).toBeUndefined();
		expect(graph.received.map(({ method, path }) => `${method} ${path}`)).toEqual([
			`DELETE /v24.0/${PRE_VERIFIED_ID}`,
			`DELETE /v24.0/${PRE_VERIFIED_ID}`,
		]);
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				alreadyDeleted: true,
				note: 'The first attempt failed with a temporary error and the retry found the number already gone, so the first attempt deleted it.',
			},
		]);
	});

	it('reports a first attempt that finds the number gone as the error it is', async () => {
		graph.answer({ status: 400, body: graphErrorBody(100, 'Object does not exist', { error_subcode: 33 }) });

		const { error } = await run('whatsAppPreVerifiedNumbers', { operation: 'delete', preVerifiedNumberId: byId(PRE_VERIFIED_ID) });

		expect(graph.received).toHaveLength(1);
		expect(error?.message).toBe('Meta rejected a parameter of the request (Object does not exist)');
	});

	it('gives up on a long rate limit at once, saying until when to wait', async () => {
		graph.answer({
			status: 400,
			body: graphErrorBody(80007, 'Rate limit hit for WABA'),
			headers: { 'x-business-use-case-usage': JSON.stringify({ [WABA_ID]: [{ estimated_time_to_regain_access: 30 }] }) },
		});
		const before = Date.now();

		const { error } = await getNumber();

		expectGetRequests(1);
		const until = /until about (\S+)\)/.exec(error?.description ?? '')?.[1];
		expect(error?.description).toMatch(/Meta asks to wait about 30 minutes \(until about .+\) before calling again/);
		expect(new Date(until ?? '').getTime() - before).toBeGreaterThanOrEqual(30 * 60_000 - 1_000);
	});
});

describe('Graph request runner: On Error: Continue', () => {
	it("keeps Meta's code, fbtrace_id and the advice in the error item's JSON", async () => {
		graph.answer({ status: 400, body: graphErrorBody(133005, 'Two step verification PIN Mismatch', { fbtrace_id: 'Pin_trace_7' }) });

		const { items, error } = await run(
			'whatsAppPhoneNumbers',
			{ operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '482913' },
			{ onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(graph.received).toHaveLength(1);
		expect(jsonOf(items)).toEqual([
			{
				error: "The PIN does not match the number's two-step verification PIN (Two step verification PIN Mismatch)",
				details: {
					description: expect.stringMatching(/^Use the current two-step PIN of this number.* Graph error 133005, fbtrace_id Pin_trace_7\.$/),
					httpCode: '400',
					code: 133005,
					type: 'OAuthException',
					fbtrace_id: 'Pin_trace_7',
				},
			},
		]);
		expect(JSON.stringify(items)).not.toContain('482913');
	});
});
