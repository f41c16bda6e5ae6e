import { BUSINESS_ID, CONNECTED_NUMBER_ID, OWNED_WABA_ID, graphError, useSandbox } from './helpers';

describe('Graph sandbox: authentication and error envelope', () => {
	const { graph, sandbox } = useSandbox();

	it('answers GET /me with the system user for the sandbox token (the credential test)', async () => {
		const response = await graph('/me?fields=id,name');
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ id: '122100000000000001', name: 'Sandbox System User' });
	});

	it('refuses a wrong bearer token with error 190 in Graph\'s envelope', async () => {
		const response = await graph(`/${OWNED_WABA_ID}/phone_numbers`, { token: 'EAAwrong' });
		const error = graphError(response);
		expect(error).toMatchObject({ code: 190, type: 'OAuthException', message: expect.stringContaining('Invalid OAuth access token') });
		expect(error.fbtrace_id).toMatch(/^[A-Za-z0-9]+$/);
		expect(response.headers.get('www-authenticate')).toContain('invalid_token');
	});

	it('asks for a token when none is sent (error 104) and accepts access_token in the query', async () => {
		expect(graphError(await graph('/me', { token: null })).code).toBe(104);
		const viaQuery = await graph(`/me?access_token=${sandbox.credentials.accessToken}`, { token: null });
		expect(viaQuery.status).toBe(200);
	});

	it('answers an unknown object ID with 100 / subcode 33 "Unsupported get request"', async () => {
		const error = graphError(await graph('/999999999999'));
		expect(error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
		expect(error.message).toMatch(/^Unsupported get request\. Object with ID '999999999999' does not exist/);
		const post = graphError(await graph('/999999999999/register', { method: 'POST', json: { messaging_product: 'whatsapp', pin: '123456' } }));
		expect(post.message).toMatch(/^Unsupported post request/);
	});

	it('answers an unknown field or edge with error 100 naming it', async () => {
		const field = graphError(await graph(`/${CONNECTED_NUMBER_ID}?fields=id,colour`));
		expect(field).toMatchObject({ code: 100, message: '(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppBusinessPhoneNumber)' });
		const edge = graphError(await graph(`/${BUSINESS_ID}/nothing_here`));
		expect(edge.message).toContain('(nothing_here)');
	});

	it('answers without the version prefix too, and sends Graph-like headers', async () => {
		const response = await graph('/me', { version: null });
		expect(response.status).toBe(200);
		expect(response.headers.get('x-fb-trace-id')).toBeTruthy();
		expect(response.headers.get('content-type')).toContain('application/json');
	});

	it('refuses the system-user token on the app-subscription endpoint (error 15) and the app token on /me', async () => {
		const { appId, appSecret } = sandbox.credentials;
		expect(graphError(await graph(`/${appId}/subscriptions`)).code).toBe(15);
		expect(graphError(await graph('/me', { token: `${appId}|${appSecret}` })).code).toBe(2500);
		expect(graphError(await graph(`/${appId}/subscriptions`, { token: `${appId}|wrong` })).code).toBe(190);
	});

	it('answers a malformed JSON body with error 100', async () => {
		const response = await fetch(`${sandbox.url}/v24.0/${CONNECTED_NUMBER_ID}/register`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.credentials.accessToken}`, 'Content-Type': 'application/json' },
			body: '{"pin":',
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: { code: number } }).error.code).toBe(100);
	});
});
