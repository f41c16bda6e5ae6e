/** nock helpers for the Graph API: every interceptor checks the bearer token it receives. */
import nock from 'nock';

export const GRAPH_ORIGIN = 'https://graph.facebook.com';
export const GRAPH_VERSION = 'v24.0';
export const TEST_ACCESS_TOKEN = 'EAAGtestSystemUserToken0123456789abcdef';
export const TEST_APP_SECRET = 'test-app-secret-5f4dcc3b5aa765d61d8327deb882cf99';

export const testCredentials = {
	accessToken: TEST_ACCESS_TOKEN,
	graphApiVersion: GRAPH_VERSION,
	baseUrl: GRAPH_ORIGIN,
	appId: '1234567890123',
	appSecret: TEST_APP_SECRET,
	webhookVerifyToken: 'test-verify-token-abc123',
};

/** A Graph scope that only answers requests carrying the credential's bearer token. */
export function graphApi(origin: string = GRAPH_ORIGIN, token: string = TEST_ACCESS_TOKEN): nock.Scope {
	return nock(origin, { reqheaders: { authorization: `Bearer ${token}` } });
}

/** The versioned path of a Graph object or edge. */
export function graphPath(path: string): string {
	return `/${GRAPH_VERSION}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Graph's error envelope. */
export function graphErrorBody(code: number, message: string, extra: Record<string, unknown> = {}) {
	return {
		error: {
			message,
			type: 'OAuthException',
			code,
			fbtrace_id: 'AbCdEfGhIjK_fbtrace',
			...extra,
		},
	};
}

/** Call in beforeEach / afterEach of every node test file. */
export function isolateNetwork() {
	beforeEach(() => {
		nock.cleanAll();
		nock.disableNetConnect();
	});
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}
