/**
 * The one function that sends Graph requests. Every Graph request the package makes goes
 * through `sendGraphRequest`: an operation's request and its pages, the steps before and after
 * it, the pages read across WABAs, list searches in the editor, the trigger's subscription and
 * override calls. It is the one place for the timeout, retries, redirects, the authorization
 * header and secret removal. The one other download, a QR image from Meta's CDN, carries no
 * credential and is read as a capped stream by `WhatsAppQrCodes/helpers/qrImage.ts`.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { asNodeError, failureOf, readGraphAnswer, transportError, withFailure, type ExpectedShape } from './graphAnswer';
import { graphBaseUrl } from './graphBaseUrl';
import { redactSecrets, sentences, type GraphApiErrorOptions } from './graphErrors';
import { collectPages, GRAPH_MAX_PAGE_SIZE, nextPageCursor, type GraphPage } from './pagination';
import { decideRetry, DEFAULT_RETRY_POLICY, explainGiveUp, type RepeatSafety, type RetryPolicy } from './retryPolicy';

export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

export const graphCredentials = [{ name: CREDENTIAL_TYPE, required: true }];

/** Graph usually answers within a second or two; a request still open after this is stuck. */
export const DEFAULT_TIMEOUT_SECONDS = 30;

export type GraphContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** The credential's secrets: never in output, errors or logs. */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject): string[] {
	return [credentials.accessToken, credentials.appSecret, credentials.webhookVerifyToken]
		.filter((secret) => secret !== undefined && secret !== null && secret !== '')
		.map(String);
}

/**
 * How a request says who sends it: `Bearer` the credential's system-user token (through the
 * credential's own `authenticate`), `OAuth` the same token as Meta's upload endpoint asks for
 * it, `app` the app access token (`<APP_ID>|<APP_SECRET>`) the app-subscription endpoints
 * require, `none` nothing (a signed download link on Meta's CDN).
 */
export type AuthScheme = 'Bearer' | 'OAuth' | 'app' | 'none';

/** What every request of one run shares: the credential, the timeout, the secrets to remove. */
export interface GraphSession {
	credentials: ICredentialDataDecryptedObject;
	/** For each attempt of each request. */
	timeoutMs: number;
	/** The credential's secrets and the operation's secret fields (PIN, one-time code). */
	secrets: string[];
	/** n8n's Request Options about the connection (proxy, certificates) and the credential's allowed domains, where n8n gives them. */
	connection?: Pick<IHttpRequestOptions, 'proxy' | 'skipSslCertificateValidation' | 'allowedDomains'>;
}

export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Path under `<Base URL>/<version>`; with `auth: 'none'`, a full URL. */
	url: string;
	qs?: IDataObject;
	/** JSON, form fields (`form`), or raw bytes. */
	body?: IDataObject | Buffer;
	headers?: Record<string, string>;
	/** Send the body as form fields, as the app-subscription endpoints expect. */
	form?: boolean;
	/** `Bearer` unless said otherwise. */
	auth?: AuthScheme;
	/** `object` unless said otherwise; `bytes` returns the answer as it came, for the caller to check. */
	expected?: ExpectedShape | 'bytes';
	/** GET is a read, anything else an idempotent write, unless said otherwise. */
	repeat?: RepeatSafety;
	/** For a one-shot write: why it is sent at most once, for the error. */
	oneShotBecause?: string;
	/** For a write: how to find out whether it happened after a timeout. */
	outcomeCheck?: string;
	/** The caller's own reading of a Graph error code. */
	adviceFor?: GraphApiErrorOptions['adviceFor'];
	/** A Graph error on a repeated attempt that means the first attempt did the job (Delete: gone). */
	doneOnRetry?: (error: NodeApiError) => IDataObject | undefined;
	/** The request as a step in the user's words; a failure's message begins with it. */
	step?: string;
	/** What a failure leaves behind and what to do, added to the error's description. */
	onFailure?: string;
}

export type GraphAnswer =
	| { body: IDataObject | GraphPage | Buffer; response: IN8nHttpFullResponse }
	/** A repeated attempt found the first one had done the job; this is what to output. */
	| { alreadyDone: IDataObject };

export interface RetryOptions {
	repeat: RepeatSafety;
	/** Why a one-shot write is never repeated, for the error. */
	oneShotBecause?: string;
	policy?: RetryPolicy;
}

/**
 * Runs a Graph call under the retry policy: transient failures of reads and idempotent
 * writes are tried again with backoff (or after Meta's `estimated_time_to_regain_access`);
 * one-shot writes never are. The final error says what the node did.
 * `onRetryFailure` may turn a failure of a repeated attempt into an answer (Delete: already gone).
 */
export async function withGraphRetries<T>(
	node: INode,
	call: () => Promise<T>,
	{ repeat, oneShotBecause, policy = DEFAULT_RETRY_POLICY }: RetryOptions,
	onRetryFailure?: (error: NodeApiError) => T | undefined,
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const failure = failureOf(error);
			if (!failure) throw asNodeError(node, error);
			if (attempt > 0 && onRetryFailure) {
				const answer = onRetryFailure(error as NodeApiError);
				if (answer !== undefined) return answer;
			}
			const decision = decideRetry({ failure, attempt, repeat, policy });
			if (decision.retry) {
				await sleep(decision.delayMs);
				continue;
			}
			const note = explainGiveUp(decision, attempt + 1, { oneShotBecause });
			const apiError = error as NodeApiError;
			if (note) apiError.description = `${apiError.description ?? ''} ${note}`.trim();
			throw apiError;
		}
	}
}

function authorizationOf(auth: AuthScheme, credentials: ICredentialDataDecryptedObject): Record<string, string> {
	switch (auth) {
		case 'OAuth':
			return { Authorization: `OAuth ${String(credentials.accessToken)}` };
		case 'app':
			return { Authorization: `Bearer ${String(credentials.appId ?? '')}|${String(credentials.appSecret ?? '')}` };
		default:
			return {};
	}
}

function hostOf(location: string, base: string): string {
	try {
		return new URL(location, base).host;
	} catch {
		return location;
	}
}

/**
 * A redirect is answered, never followed: n8n would send the Authorization header along to
 * whatever host it names. The error names that host and what to check.
 */
function redirectError(node: INode, response: IN8nHttpFullResponse, requestUrl: string, secrets: ReadonlyArray<string>): NodeApiError {
	const location = String(response.headers?.location ?? '');
	const target = location ? hostOf(location, requestUrl) : 'an address it did not give';
	const error = new NodeApiError(redactSecrets(node, secrets), { httpStatus: response.statusCode } as JsonObject, {
		message: redactSecrets(`The Graph API address answered HTTP ${response.statusCode}, a redirect to ${target}, which the node does not follow`, secrets),
		description: sentences(
			`The node never follows redirects, so the access token was not sent to ${target}`,
			`Check the credential's Base URL (${hostOf(requestUrl, requestUrl)}): it should be https://graph.facebook.com, or a proxy that passes Graph's answers through unchanged`,
		),
		httpCode: String(response.statusCode),
	});
	return withFailure(error, { kind: 'notGraph', httpStatus: response.statusCode });
}

/**
 * Sends one Graph request under the session's rules and reads the answer: the credential's
 * base URL and authorization, the session's timeout on each attempt, retries as the request's
 * repeat class allows, no redirect followed, secrets removed from every error. Failures of
 * the transport (timeout, reset, refused) become transport errors; Graph errors become the
 * mapped Graph error; an answer of another shape says what came back.
 */
export async function sendGraphRequest(context: GraphContext, session: GraphSession, request: GraphRequest): Promise<GraphAnswer> {
	const node = context.getNode();
	const { credentials, timeoutMs, secrets } = session;
	const { method, auth = 'Bearer', expected = 'object', step, onFailure } = request;
	const repeat = request.repeat ?? (method === 'GET' ? 'read' : 'idempotentWrite');
	const baseURL = auth === 'none' ? undefined : graphBaseUrl(credentials, node);
	const form = request.form && request.body && !Buffer.isBuffer(request.body);
	const options: IHttpRequestOptions = {
		...session.connection,
		method,
		baseURL,
		url: request.url,
		qs: request.qs,
		body: form ? new URLSearchParams(request.body as Record<string, string>).toString() : request.body,
		headers: {
			Accept: 'application/json',
			...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			...request.headers,
			...authorizationOf(auth, credentials),
		},
		json: expected !== 'bytes',
		...(expected === 'bytes' ? { encoding: 'arraybuffer' as const } : {}),
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
		// A link without a credential may move (a CDN); a request carrying one never follows.
		disableFollowRedirect: auth !== 'none',
		sendCredentialsOnCrossOriginRedirect: false,
	};
	const requestUrl = `${baseURL ?? ''}${request.url}`;

	const attempt = async (): Promise<GraphAnswer> => {
		let response: IN8nHttpFullResponse;
		try {
			response = (
				auth === 'Bearer'
					? await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options)
					: await context.helpers.httpRequest(options)
			) as IN8nHttpFullResponse;
		} catch (error) {
			throw transportError(node, error, {
				timeoutMs,
				secrets,
				outcomeCheck: repeat === 'read' ? undefined : request.outcomeCheck,
				target: auth === 'none' ? `The address ${hostOf(requestUrl, requestUrl)}` : undefined,
			});
		}
		if (response.statusCode >= 300 && response.statusCode < 400) throw redirectError(node, response, requestUrl, secrets);
		if (expected === 'bytes') return { body: Buffer.from(response.body as ArrayBuffer), response };
		return { body: readGraphAnswer(node, response, { expected, secrets, adviceFor: request.adviceFor }), response };
	};
	const doneOnRetry = request.doneOnRetry;
	try {
		return await withGraphRetries(
			node,
			attempt,
			{ repeat, oneShotBecause: request.oneShotBecause },
			doneOnRetry
				? (error) => {
						const done = doneOnRetry(error);
						return done ? { alreadyDone: done } : undefined;
					}
				: undefined,
		);
	} catch (error) {
		const nodeError = asNodeError(node, error);
		if (!step) throw nodeError;
		nodeError.message = `${step} failed: ${nodeError.message}`;
		if (onFailure) nodeError.description = `${nodeError.description ?? ''} ${onFailure}`.trim();
		throw nodeError;
	}
}

/** Requests under one session, as steps and code outside an operation's own request use them. */
export interface GraphClient {
	session: GraphSession;
	/** The node the requests are sent for, to name it in errors. */
	node: INode;
	/** One request; its Graph object or page. */
	send(request: GraphRequest): Promise<IDataObject | GraphPage>;
	/** Every item of a Graph list edge (or the first `maxResults`), one call per page. */
	list(path: string, qs?: IDataObject, paging?: { maxResults?: number; pageSize?: number }): Promise<IDataObject[]>;
}

export function graphClient(context: GraphContext, session: GraphSession): GraphClient {
	const send = async (request: GraphRequest) => {
		const answer = await sendGraphRequest(context, session, request);
		if ('alreadyDone' in answer) return answer.alreadyDone;
		return answer.body as IDataObject | GraphPage;
	};
	return {
		session,
		node: context.getNode(),
		send,
		list: async (path, qs = {}, { maxResults, pageSize = GRAPH_MAX_PAGE_SIZE } = {}) =>
			await collectPages<IDataObject>(
				async (after, limit) => {
					const page = (await send({
						method: 'GET',
						url: path,
						qs: { ...qs, limit, ...(after ? { after } : {}) },
						expected: 'page',
					})) as GraphPage<IDataObject>;
					return { items: page.data, after: nextPageCursor(page) };
				},
				{ maxResults, pageSize },
			),
	};
}

/** The session of code that has no Timeout setting (list searches, the trigger): the default timeout. */
export async function defaultSession(context: GraphContext): Promise<GraphSession> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return { credentials, timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, secrets: credentialSecrets(credentials) };
}

export interface GraphCallOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * `app` authenticates with the app access token (`<APP_ID>|<APP_SECRET>`), which the
	 * app-subscription endpoints require; the default is the credential's system-user token.
	 */
	as?: 'systemUser' | 'app';
	/** Send the body as form fields, as the app-subscription endpoints expect. */
	form?: boolean;
	/** GET is a read; the writes made from code (the trigger's subscriptions) set state, so repeating them is safe. */
	repeat?: RepeatSafety;
	/** A list edge answers a page (`{data: [...]}`); anything else fails with what came back. */
	expected?: ExpectedShape;
	/** The caller's own reading of a Graph error code, as operations give it. */
	adviceFor?: GraphApiErrorOptions['adviceFor'];
}

/** One Graph call from code outside an operation (the trigger), under the default session. */
export async function graphApiRequest(
	this: GraphContext,
	method: IHttpRequestMethods,
	path: string,
	{ qs, body, as = 'systemUser', form, repeat, expected, adviceFor }: GraphCallOptions = {},
): Promise<unknown> {
	const graph = graphClient(this, await defaultSession(this));
	return await graph.send({ method, url: path, qs, body, form, repeat, expected, adviceFor, auth: as === 'app' ? 'app' : 'Bearer' });
}

/** Every item of a Graph list edge from code outside an operation (list searches), under the default session. */
export async function graphApiList(
	this: GraphContext,
	path: string,
	qs: IDataObject = {},
	paging: { maxResults?: number; pageSize?: number } = {},
): Promise<IDataObject[]> {
	return await graphClient(this, await defaultSession(this)).list(path, qs, paging);
}
