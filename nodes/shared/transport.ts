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
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asNodeError, failureOf, readGraphAnswer, transportError, type ExpectedShape } from './graphAnswer';
import { graphBaseUrl } from './graphBaseUrl';
import type { GraphApiErrorOptions } from './graphErrors';
import { collectPages, GRAPH_MAX_PAGE_SIZE, nextPageCursor, type GraphPage } from './pagination';
import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	explainGiveUp,
	type RepeatSafety,
	type RetryPolicy,
} from './retryPolicy';

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

/** One Graph call from code (list searches, the trigger, multi-list operations). */
export async function graphApiRequest(
	this: GraphContext,
	method: IHttpRequestMethods,
	path: string,
	{
		qs,
		body,
		as = 'systemUser',
		form = false,
		repeat = method === 'GET' ? 'read' : 'idempotentWrite',
		expected = 'object',
		adviceFor,
	}: GraphCallOptions = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const secrets = credentialSecrets(credentials);
	const node: INode = this.getNode();
	const timeoutMs = DEFAULT_TIMEOUT_SECONDS * 1000;
	const options: IHttpRequestOptions = {
		method,
		baseURL: graphBaseUrl(credentials, node),
		url: path,
		qs,
		body: form && body ? new URLSearchParams(body as Record<string, string>).toString() : body,
		headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
	};
	const send = async () => {
		let response: IN8nHttpFullResponse;
		try {
			response = (
				as === 'app'
					? await this.helpers.httpRequest({
							...options,
							headers: { ...options.headers, Authorization: `Bearer ${appAccessToken(credentials)}` },
						})
					: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)
			) as IN8nHttpFullResponse;
		} catch (error) {
			throw transportError(node, error, { timeoutMs, secrets });
		}
		return readGraphAnswer(node, response, { expected, secrets, adviceFor });
	};
	return await withGraphRetries(node, send, { repeat });
}

/** Every item of a Graph list edge (or the first `maxResults`), one call per page. */
export async function graphApiList(
	this: GraphContext,
	path: string,
	qs: IDataObject = {},
	{ maxResults, pageSize = GRAPH_MAX_PAGE_SIZE }: { maxResults?: number; pageSize?: number } = {},
): Promise<IDataObject[]> {
	return await collectPages<IDataObject>(
		async (after, limit) => {
			const page = (await graphApiRequest.call(this, 'GET', path, {
				qs: { ...qs, limit, ...(after ? { after } : {}) },
				expected: 'page',
			})) as GraphPage<IDataObject>;
			return { items: page.data, after: nextPageCursor(page) };
		},
		{ maxResults, pageSize },
	);
}

function appAccessToken(credentials: ICredentialDataDecryptedObject): string {
	return `${String(credentials.appId ?? '')}|${String(credentials.appSecret ?? '')}`;
}
