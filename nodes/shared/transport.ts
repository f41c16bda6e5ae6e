import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { graphApiError, graphErrorIn, redactSecrets, SECRET_FIELD_NAMES, type GraphError } from './graphErrors';
import { collectPages, GRAPH_MAX_PAGE_SIZE, isGraphPage, nextPageCursor } from './pagination';
import { decideRetry, DEFAULT_RETRY_POLICY, explainGiveUp, isRegistrationUrl, type RetryPolicy } from './retryPolicy';

export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

export const graphCredentials = [{ name: CREDENTIAL_TYPE, required: true }];

/** Base URL and version come from the credential, so a proxy or the local sandbox works too. */
const graphRequestDefaults: Partial<IHttpRequestOptions> = {
	baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}',
	headers: { Accept: 'application/json' },
	json: true,
	// Graph errors are read by checkGraphResponse, which maps them and decides on retries.
	ignoreHttpStatusErrors: true,
};

/**
 * Sends every operation of a node through `sendGraphRequest` (n8n calls the node's
 * `requestOperations.pagination` function only when `paginate` is set).
 */
export const graphRequestProperty: INodeProperties = {
	displayName: 'Graph Request',
	name: 'graphRequest',
	type: 'hidden',
	default: '',
	routing: { send: { paginate: true } },
};

type GraphContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** Everything that must never reach output, errors or logs for this request. */
async function secretsOf(
	context: GraphContext,
	options: Pick<IHttpRequestOptions, 'qs' | 'body'>,
): Promise<string[]> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE).catch(() => ({}) as ICredentialDataDecryptedObject);
	const fromRequest = [options.qs, options.body]
		.filter((part): part is IDataObject => !!part && typeof part === 'object')
		.flatMap((part) => [...SECRET_FIELD_NAMES].map((field) => part[field]));
	return [credentials.accessToken, credentials.appSecret, credentials.webhookVerifyToken, ...fromRequest]
		.filter((secret) => secret !== undefined && secret !== null && secret !== '')
		.map(String);
}

/** Returns the body of a successful Graph response; throws the mapped NodeApiError otherwise. */
function checkGraphResponse(node: INode, response: IN8nHttpFullResponse, secrets: string[]): unknown {
	const graphError = graphErrorIn(response.body);
	if (response.statusCode < 400 && !graphError) return response.body;
	const error = graphApiError(
		node,
		graphError ?? { message: `The Graph API answered HTTP ${response.statusCode} without an error body` },
		{ httpStatus: response.statusCode, secrets },
	);
	error.context.usageHeader = response.headers?.['x-business-use-case-usage'];
	throw error;
}

/**
 * Runs a Graph call under the retry policy: transient and rate-limit errors are tried
 * again with backoff (or after Meta's `estimated_time_to_regain_access`); register and
 * deregister never are.
 */
export async function withGraphRetries<T>(
	node: INode,
	call: () => Promise<T>,
	{
		isRegistrationCall,
		secrets,
		policy = DEFAULT_RETRY_POLICY,
	}: { isRegistrationCall: boolean; secrets: string[]; policy?: RetryPolicy },
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const graphError = (error as NodeApiError).context?.graphError as GraphError | undefined;
			if (!graphError) throw redactedApiError(node, error, secrets);
			const decision = decideRetry({
				graphError,
				attempt,
				isRegistrationCall,
				usageHeader: (error as NodeApiError).context.usageHeader,
				policy,
			});
			if (decision.retry) {
				await sleep(decision.delayMs);
				continue;
			}
			const note = decision.reason === 'not transient' ? undefined : explainGiveUp(decision, attempt + 1);
			if (note) (error as NodeApiError).description = `${(error as NodeApiError).description ?? ''} ${note}`.trim();
			throw new NodeApiError(node, error as JsonObject);
		}
	}
}

/**
 * A failure that is not a Graph error (network, TLS, timeout) as a NodeApiError whose
 * texts carry no secret. A NodeApiError passed to NodeApiError comes back unchanged.
 */
function redactedApiError(node: INode, error: unknown, secrets: string[]): NodeApiError {
	const apiError = new NodeApiError(node, error as JsonObject);
	apiError.message = redactSecrets(apiError.message, secrets);
	apiError.messages = redactSecrets(apiError.messages, secrets);
	if (apiError.description) apiError.description = redactSecrets(apiError.description, secrets);
	if (apiError.stack) apiError.stack = redactSecrets(apiError.stack, secrets);
	return apiError;
}

type FinishStep = (
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/**
 * The request runner of every declarative operation: error mapping, retries and cursor
 * pagination (a `qs.limit` in the routing marks a list; `maxResults` stops it exactly).
 * `finish` runs once on all collected items, for outputs that summarise a whole list.
 */
export function graphRequestRunner(finish?: FinishStep) {
	return async function sendGraphRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const node = this.getNode();
		const secrets = await secretsOf(this, requestData.options);
		const isRegistrationCall = isRegistrationUrl(requestData.options.url);
		let after: string | undefined;

		// n8n applies requestData.postReceive to each response of makeRoutingRequest; this
		// first step checks for Graph errors and unwraps list pages before the operation's own.
		const readGraphResponse: PostReceiveAction = async function (items, response) {
			const body = checkGraphResponse(node, response, secrets);
			after = isGraphPage(body) ? nextPageCursor(body) : undefined;
			return isGraphPage(body) ? body.data.map((json) => ({ json: json as IDataObject })) : items;
		};
		requestData.postReceive.unshift({ data: { parameterValue: undefined }, actions: [readGraphResponse] });

		const isList = requestData.options.qs?.limit !== undefined;
		const items = await collectPages(
			async (cursor, pageSize) => {
				const qs = { ...requestData.options.qs };
				if (isList) qs.limit = pageSize;
				if (cursor) qs.after = cursor;
				const page = await withGraphRetries(
					node,
					async () => await this.makeRoutingRequest({ ...requestData, options: { ...requestData.options, qs } }),
					{ isRegistrationCall, secrets },
				);
				return { items: page, after };
			},
			{
				maxResults: requestData.maxResults ? Number(requestData.maxResults) : undefined,
				pageSize: isList ? Number(requestData.options.qs?.limit) || GRAPH_MAX_PAGE_SIZE : 1,
			},
		);
		return finish ? await finish.call(this, items) : items;
	};
}

const sendGraphRequest = graphRequestRunner();

/** What every declarative node of the package declares: the credential and the Graph request core. */
export const graphApiNode = {
	credentials: graphCredentials,
	requestDefaults: graphRequestDefaults,
	requestOperations: { pagination: sendGraphRequest },
};

/** Base URL with version, from the credential. */
function graphBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
	return `${baseUrl}/${String(credentials.graphApiVersion ?? 'v24.0')}`;
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
}

/** One Graph call from code (list searches, the trigger, multi-list operations). */
export async function graphApiRequest(
	this: GraphContext,
	method: IHttpRequestMethods,
	path: string,
	{ qs, body, as = 'systemUser', form = false }: GraphCallOptions = {},
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const secrets = await secretsOf(this, { qs, body });
	const options: IHttpRequestOptions = {
		method,
		baseURL: graphBaseUrl(credentials),
		url: path,
		qs,
		body: form && body ? new URLSearchParams(body as Record<string, string>).toString() : body,
		headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	const send = async () => {
		const response = (
			as === 'app'
				? await this.helpers.httpRequest({
						...options,
						headers: { ...options.headers, Authorization: `Bearer ${appAccessToken(credentials)}` },
					})
				: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options)
		) as IN8nHttpFullResponse;
		return checkGraphResponse(this.getNode(), response, secrets);
	};
	return await withGraphRetries(this.getNode(), send, { isRegistrationCall: isRegistrationUrl(path), secrets });
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
			const page = await graphApiRequest.call(this, 'GET', path, {
				qs: { ...qs, limit, ...(after ? { after } : {}) },
			});
			if (!isGraphPage(page)) return { items: [] };
			return { items: page.data as IDataObject[], after: nextPageCursor(page) };
		},
		{ maxResults, pageSize },
	);
}

function appAccessToken(credentials: ICredentialDataDecryptedObject): string {
	return `${String(credentials.appId ?? '')}|${String(credentials.appSecret ?? '')}`;
}

