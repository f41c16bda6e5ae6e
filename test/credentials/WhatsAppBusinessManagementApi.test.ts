import nock from 'nock';

import { testCredential } from '../harness/credentialTest';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../harness/graphMock';
import { startBadGraph } from '../harness/badGraph';
import { runNode } from '../harness/engine';
import { hostilePair } from '../harness/hostileHosts';
import { baseUrlProblem } from '../../nodes/shared/graphBaseUrl';

isolateNetwork();
const hosts = hostilePair();

const NOT_GRAPH =
	"The Base URL did not answer like Meta's Graph API (GET <Base URL>/<version>/me gave no ID). Check the Base URL (https://graph.facebook.com, or your proxy's address) and the Graph API version (such as v24.0).";

describe('WhatsApp Business Management API credential', () => {
	it('adds "Authorization: Bearer <token>" to node requests', async () => {
		graphApi()
			.get(graphPath('/42'))
			.query(true)
			.reply(function () {
				return [200, { id: '42', authorization: this.req.headers.authorization }];
			});
		const { items } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '42' } },
			credentials: testCredentials,
		});
		expect(items[0].json.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
	});

	it('calls the configured base URL and Graph version', async () => {
		const scope = graphApi('http://127.0.0.1:8090')
			.get('/v21.0/42')
			.query(true)
			.reply(200, { id: '42' });
		const { items } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '42' } },
			credentials: { ...testCredentials, baseUrl: 'http://127.0.0.1:8090/', graphApiVersion: 'v21.0' },
		});
		expect(items[0].json).toEqual({ id: '42', phoneNumberId: '42' });
		expect(scope.isDone()).toBe(true);
	});

	it('passes the test when Meta accepts the token on GET /me', async () => {
		graphApi().get(graphPath('/me')).query({ fields: 'id,name' }).reply(200, { id: '1000', name: 'n8n system user' });
		expect(await testCredential(testCredentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it("shows Meta's wording for an invalid token", async () => {
		nockRejectToken(graphErrorBody(190, 'Invalid OAuth access token - Cannot parse access token'));
		expect(await testCredential({ ...testCredentials, accessToken: 'EAAbroken' })).toEqual({
			status: 'Error',
			message:
				'Meta: "Invalid OAuth access token" (Graph error 190). Check that the whole system-user token was pasted, or create a new one.',
		});
	});

	it("shows Meta's wording for an expired token", async () => {
		nockRejectToken(graphErrorBody(190, 'Error validating access token: Session has expired', { error_subcode: 463 }));
		const result = await testCredential({ ...testCredentials, accessToken: 'EAAbroken' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Session has expired');
	});

	it('fails for any other OAuth error instead of reporting success', async () => {
		nockRejectToken({ error: { message: 'Something else', type: 'OAuthException', code: 2500 } });
		const result = await testCredential({ ...testCredentials, accessToken: 'EAAbroken' });
		expect(result.status).toBe('Error');
	});

	function nockRejectToken(body: object) {
		graphApi(undefined, 'EAAbroken').get(graphPath('/me')).query({ fields: 'id,name' }).reply(400, body);
	}

	it('fails the test for a mistyped Base URL that answers a 404 HTML page, instead of "Connection successful"', async () => {
		const { status, message } = await testCredential({ ...testCredentials, baseUrl: `${hosts.graph.origin}/grpah` });

		expect({ status, message }).toEqual({ status: 'Error', message: NOT_GRAPH });
		expect(hosts.graph.received.map(({ method, url, headers }) => [method, url, headers.authorization])).toEqual([
			['GET', '/grpah/v24.0/me?fields=id%2Cname', `Bearer ${TEST_ACCESS_TOKEN}`],
		]);
	});

	it('fails the test for a page that answers 200 with HTML (a login page or a portal)', async () => {
		hosts.graph.route('GET', '/v24.0/me', { status: 200, body: '<!doctype html><title>Sign in</title>' });

		expect(await testCredential({ ...testCredentials, baseUrl: hosts.graph.origin })).toEqual({ status: 'Error', message: NOT_GRAPH });
	});

	it('passes the test through a loopback http:// Base URL (the local sandbox)', async () => {
		hosts.graph.route('GET', '/v24.0/me', { status: 200, body: { id: '1000', name: 'sandbox user' } });

		expect(await testCredential({ ...testCredentials, baseUrl: `${hosts.graph.origin}/` })).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('refuses an http:// Base URL that is not loopback in the test, without sending the token', async () => {
		const result = await testCredential({ ...testCredentials, baseUrl: 'http://graph.example.com' });

		expect(result.status).toBe('Error');
		expect(result.message).toContain('the Base URL "http://graph.example.com" uses http://, which would send the access token');
		expect(result.message).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('refuses an http:// Base URL that is not loopback in a node, before any request', async () => {
		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '42' } },
			credentials: { ...testCredentials, baseUrl: 'http://graph.example.com/' },
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The credential cannot be used: the Base URL "http://graph.example.com" uses http://, which would send the access token, the app secret and every verify token unencrypted',
		);
		expect(error?.description).toContain('Plain http:// is accepted only for localhost and 127.0.0.1');
	});

	it.each([
		['https://graph.facebook.com', undefined],
		['https://proxy.example.com/graph', undefined],
		['http://localhost:8090', undefined],
		['http://127.0.0.2:4000/prefix', undefined],
		['http://[::1]:8090', undefined],
		['http://graph.facebook.com', 'uses http://'],
		['http://10.0.0.7:8080', 'uses http://'],
		['http://127.0.0.1.example.com', 'uses http://'],
		['ftp://graph.facebook.com', 'is not an https:// address'],
		['graph.facebook.com', 'is not a full address'],
	])('Base URL %s: %s', (baseUrl, problem) => {
		if (problem === undefined) expect(baseUrlProblem(baseUrl)).toBeUndefined();
		else expect(baseUrlProblem(baseUrl)).toContain(problem);
	});
});

describe('WhatsApp Business Management API credential: a redirecting Base URL', () => {
	it('does not follow a redirect in the credential test, so the token never reaches the other host', async () => {
		const graph = await startBadGraph('127.0.0.1');
		const otherHost = await startBadGraph('127.0.0.2');
		nock.enableNetConnect(/^127\.0\.0\.[12](:\d+)?$/);
		try {
			graph.answer({ status: 307, body: '', headers: { location: `${otherHost.url}/v24.0/me` } });
			otherHost.answer({ status: 200, body: { id: 'stolen' } });

			await testCredential({ ...testCredentials, baseUrl: graph.url });

			expect(graph.received).toEqual([
				expect.objectContaining({ method: 'GET', path: '/v24.0/me', query: { fields: 'id,name' }, authorization: `Bearer ${TEST_ACCESS_TOKEN}` }),
			]);
			expect(otherHost.received).toEqual([]);
		} finally {
			nock.disableNetConnect();
			await graph.close();
			await otherHost.close();
		}
	});
});
