/** Starts the Graph sandbox on a random 127.0.0.1 port for one test file; resets it before each test. */
import { createSandbox, type Sandbox, type SandboxOptions } from '../../dev/sandbox/server';

export const START = '2026-03-01T12:00:00Z';
export const BUSINESS_ID = '506914307656634';
export const OWNED_WABA_ID = '102290129340398';
export const CLIENT_WABA_ID = '104996122399160';
export const CONNECTED_NUMBER_ID = '106540352242922';
export const CONNECTED_NUMBER_PIN = '147258';
export const FLAGGED_NUMBER_ID = '106850078877666';
export const CLAIMED_PENDING_NUMBER_ID = '107788990011223';
export const UNVERIFIED_NUMBER_ID = '108899001122334';
export const POOL = {
	verified5DaysAgo: '1706193509821731',
	verified20DaysAgo: '1706193509821732',
	verified50DaysAgo: '1706193509821733',
	verified80DaysAgo: '1706193509821734',
	verified10DaysAgo: '1706193509821735',
	lapsed: '1706193509821736',
	addedNotVerified: '1706193509821737',
	addedNotVerified85DaysAgo: '1706193509821738',
};

export interface GraphResponse<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

export interface CallOptions {
	method?: string;
	json?: unknown;
	form?: Record<string, string>;
	token?: string | null;
	version?: string | null;
}

export interface SandboxContext {
	sandbox: Sandbox;
	/** Calls `<url>/v24.0<path>` with the sandbox's bearer token unless told otherwise. */
	graph<T = any>(path: string, options?: CallOptions): Promise<GraphResponse<T>>;
	/** Calls a development endpoint (`/__sandbox/...`). */
	dev<T = any>(path: string, json?: unknown): Promise<GraphResponse<T>>;
}

export function useSandbox(options: SandboxOptions = {}): SandboxContext {
	const context = {} as SandboxContext;
	const sandbox = createSandbox({ now: START, ...options });
	context.sandbox = sandbox;
	context.graph = async <T = any>(path: string, { method = 'GET', json, form, token, version = 'v24.0' }: CallOptions = {}): Promise<GraphResponse<T>> => {
		const headers: Record<string, string> = {};
		const bearer = token === undefined ? sandbox.credentials.accessToken : token;
		if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
		let body: string | undefined;
		if (json !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(json);
		} else if (form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(form).toString();
		}
		const response = await fetch(`${sandbox.url}${version ? `/${version}` : ''}${path}`, { method, headers, body });
		return { status: response.status, body: (await response.json()) as T, headers: response.headers };
	};
	context.dev = async <T = any>(path: string, json?: unknown): Promise<GraphResponse<T>> => {
		const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
			method: json === undefined ? 'GET' : 'POST',
			headers: json === undefined ? {} : { 'Content-Type': 'application/json' },
			body: json === undefined ? undefined : JSON.stringify(json),
		});
		return { status: response.status, body: (await response.json()) as T, headers: response.headers };
	};
	beforeAll(async () => {
		await sandbox.start({ port: 0 });
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(() => sandbox.reset());
	return context;
}

/** The Graph error envelope's `error` member, asserting the envelope's shape. */
export function graphError(response: GraphResponse): { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string; error_data?: { details: string } } {
	expect(response.status).toBeGreaterThanOrEqual(400);
	expect(response.body).toEqual({ error: expect.objectContaining({ message: expect.any(String), type: expect.any(String), code: expect.any(Number), fbtrace_id: expect.any(String) }) });
	return response.body.error;
}
