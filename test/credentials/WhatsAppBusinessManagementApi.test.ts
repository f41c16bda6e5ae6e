import nock from 'nock';

import { testCredential } from '../harness/credentialTest';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../harness/graphMock';
import { startBadGraph } from '../harness/badGraph';
import { runNode } from '../harness/engine';

isolateNetwork();

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
