/**
 * One operation of an action node, declared where it is written: its editor option and
 * routing, whether it is a list, whether it is safe to repeat, which fields are secret.
 * `graphOperation` turns the declaration into the option n8n routes, with the request
 * runner attached to that option, so an operation cannot exist without it.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { ApplicationError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, failureOf, readGraphAnswer, transportError } from './graphAnswer';
import { graphBaseUrl } from './graphBaseUrl';
import type { Advice, GraphError } from './graphErrors';
import { collectPages, GRAPH_MAX_PAGE_SIZE, mapConcurrently, nextPageCursor, type GraphPage } from './pagination';
import { getValidatedParameter, type ValidatedParameter } from './parameters';
import { CALLER_WIDE_CODES, type RepeatSafety } from './retryPolicy';
import { CREDENTIAL_TYPE, credentialSecrets, DEFAULT_TIMEOUT_SECONDS, withGraphRetries } from './transport';

/** Whether a failed attempt may be sent again, and what the user must know when it is not. */
export type Repetition =
	| { repeat: Extract<RepeatSafety, 'read'> }
	| {
			repeat: Extract<RepeatSafety, 'idempotentWrite'>;
			/** How to find out whether the write happened after a timeout. */
			outcomeCheck: string;
	  }
	| {
			repeat: Extract<RepeatSafety, 'oneShotWrite'>;
			/** Why it is sent at most once, for the error. */
			oneShotBecause: string;
			outcomeCheck: string;
	  };

/** One parent of a list read across parents: the edge to list and what its items carry. */
export interface ListParent {
	/** The edge to list, such as `/<WABA_ID>/phone_numbers`. */
	url: string;
	/** Added to each item listed from it, and to its error item (`wabaId`, `wabaName`…). */
	tag: IDataObject;
	/** The parent in words, such as `WABA "Acme Support" (102290129340398)`, to begin its error. */
	label: string;
	/** Why it is not listed at all (a chosen WABA the portfolio does not have); it becomes the parent's error. */
	unavailable?: { message: string; description: string };
}

/**
 * The same list edge read for each of several parents, as one list (every phone number of
 * every WABA): the parents are listed once, then each parent's edge is paged like any list.
 */
export interface AcrossParents {
	parents: (this: IExecutePaginationFunctions) => Promise<ListParent[]>;
	/**
	 * Whether one parent's failure ends the run; otherwise it gives one error item and the others
	 * still come out. A failure about the caller (token, app or user rate limit) always ends it.
	 */
	stopOnFirstError: (this: IExecutePaginationFunctions) => boolean;
	/** Parents read at the same time with Return All; with a Limit one after the other, so no call passes it. */
	concurrency: number;
}

type FinishStep = (this: IExecutePaginationFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** A request that must come before the operation's own (a file upload), named for the error when it fails. */
export interface GraphStepRequest {
	/** What the step does, in the user's words; a failure's message begins with it. */
	step: string;
	method: IHttpRequestMethods;
	/** Path under `<Base URL>/<version>`, sent as given (an upload session ID carries its own query). */
	url: string;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/** JSON, or raw bytes. */
	body?: IDataObject | Buffer;
	/** Meta's upload endpoint asks for `Authorization: OAuth <token>` rather than Bearer. */
	authScheme?: 'Bearer' | 'OAuth';
	repeat: RepeatSafety;
	/** For a one-shot step: why it is sent at most once. */
	oneShotBecause?: string;
	/** What the failure leaves behind and what to do, added to the error's description. */
	onFailure?: string;
}

export type GraphStep = (request: GraphStepRequest) => Promise<IDataObject>;

/**
 * Requests sent before the operation's own, under the same rules (base URL, timeout,
 * error reading, retries, secrets); what it returns joins the operation's request body.
 */
type BeforeStep = (this: IExecutePaginationFunctions, graph: GraphStep) => Promise<IDataObject | undefined>;

export type GraphOperationSpec = Repetition & {
	name: string;
	value: string;
	action: string;
	description: string;
	routing: {
		request: Pick<DeclarativeRestApiSettings.HttpRequestOptions, 'method' | 'qs' | 'body'>;
		send?: { preSend?: PreSendAction[] };
		output?: { postReceive?: PostReceiveAction[] };
	};
	/** A Graph list: the runner follows cursors, as far as Return All / Limit allow. */
	list?: boolean;
	/** The largest page this list edge returns, where Meta caps it below Graph's usual 100. */
	pageSize?: number;
	/** A list read across parents; the routed request gives the query, each parent the URL. */
	across?: AcrossParents;
	/** Fields whose values never reach output, errors or logs (the PIN, the one-time code). */
	secrets?: Array<ValidatedParameter<unknown>>;
	/** Runs once on all collected items, for outputs that summarise a whole list. */
	finish?: FinishStep;
	/** Requests that must come first, such as uploading a file whose handle the request sends. */
	before?: BeforeStep;
	/**
	 * A Graph error on a repeated attempt that means the first attempt did the job (Delete:
	 * the object is gone). Returns the output to give instead, or undefined.
	 */
	doneOnRetry?: (this: IExecuteSingleFunctions, graphError: GraphError) => IDataObject | undefined;
	/** What a Graph error means for this operation, where the general table would mislead (an error 100 here). */
	adviceFor?: (graphError: GraphError) => Advice | undefined;
};

declare const graphOperationBrand: unique symbol;

/** An operation option built by `graphOperation`, the only kind an action node accepts. */
export type GraphOperationOption = INodePropertyOptions & {
	value: string;
	routing: INodePropertyRouting;
	readonly [graphOperationBrand]: true;
};

/** The editor's Timeout, in seconds, shared by every action node. */
export const TIMEOUT_PARAMETER = 'timeoutSeconds';

/** n8n's own Request Options › Timeout (ms) wins when set, so workflows that set it keep their value. */
export function requestTimeoutMs(context: IExecuteSingleFunctions): number {
	const n8nTimeoutMs = Number(context.getNodeParameter('requestOptions.timeout', 0));
	if (n8nTimeoutMs > 0) return n8nTimeoutMs;
	return Number(context.getNodeParameter(TIMEOUT_PARAMETER, DEFAULT_TIMEOUT_SECONDS)) * 1000;
}

/** The declared secrets as typed and as sent (the one-time code loses its hyphen). */
function secretValues(context: IExecuteSingleFunctions, fields: Array<ValidatedParameter<unknown>>): string[] {
	return fields.flatMap((field) => [
		String(context.getNodeParameter(field.parameter, '') ?? ''),
		String(getValidatedParameter(context, field) ?? ''),
	]);
}

/**
 * With On Error: Continue, the item keeps what the error says: message, advice, HTTP
 * status and Meta's code and fbtrace_id. An item carrying `error` would be cut down to the
 * message by n8n; `error` and `details` alone also route it to an error output.
 */
function errorItem(error: NodeApiError | NodeOperationError): INodeExecutionData {
	const graphError = error.context.graphError as IDataObject | undefined;
	const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
	const details: IDataObject = { description: error.description ?? null, httpCode: httpCode ?? null };
	if (graphError) {
		for (const key of ['code', 'error_subcode', 'type', 'fbtrace_id']) {
			if (graphError[key] !== undefined) details[key] = graphError[key];
		}
	}
	return { json: { error: error.message, details } };
}

interface SendContext {
	secrets: string[];
	timeoutMs: number;
}

/**
 * Pages the routed request's edge for each parent (at most `concurrency` parents at a time),
 * each page through the retry policy and the operation's `postReceive` steps, its items
 * tagged with their parent, in parent order. A failing parent gives one error item naming
 * it, unless the user asked to stop on the first error.
 */
async function readAcrossParents(
	this: IExecutePaginationFunctions,
	spec: GraphOperationSpec & { across: AcrossParents },
	requestData: DeclarativeRestApiSettings.ResultOptions,
	{ secrets, timeoutMs }: SendContext,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const maxResults = requestData.maxResults ? Number(requestData.maxResults) : undefined;
	const parents = await spec.across.parents.call(this);
	const stopOnFirstError = spec.across.stopOnFirstError.call(this);

	// Each page is sent here rather than through makeRoutingRequest: n8n runs the postReceive
	// steps of one shared request there, which cannot tell concurrent pages' cursors apart.
	const readPage = async (url: string, qs: IDataObject) => {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				...requestData.options,
				url,
				qs,
				returnFullResponse: true,
			} as IHttpRequestOptions)) as IN8nHttpFullResponse;
		} catch (error) {
			throw transportError(node, error, { timeoutMs, secrets });
		}
		const page = readGraphAnswer(node, response, { expected: 'page', secrets, adviceFor: spec.adviceFor }) as GraphPage<IDataObject>;
		let items: INodeExecutionData[] = page.data.map((json) => ({ json }));
		for (const { actions } of requestData.postReceive) {
			for (const action of actions) {
				if (typeof action !== 'function') throw new ApplicationError('A list read across parents takes postReceive functions only');
				items = await action.call(this, items, response);
			}
		}
		return { items, after: nextPageCursor(page) };
	};

	let total = 0;
	let firstError: NodeApiError | NodeOperationError | undefined;
	const readParent = async (parent: ListParent): Promise<INodeExecutionData[]> => {
		const left = maxResults === undefined ? undefined : maxResults - total;
		if (left !== undefined && left <= 0) return [];
		try {
			if (parent.unavailable) throw new NodeOperationError(node, parent.unavailable.message, { description: parent.unavailable.description });
			const items = await collectPages(
				async (cursor, pageSize) => {
					const qs = { ...requestData.options.qs, limit: pageSize, ...(cursor ? { after: cursor } : {}) };
					return await withGraphRetries(node, () => readPage(parent.url, qs), { repeat: spec.repeat });
				},
				{ maxResults: left },
			);
			total += items.length;
			return items.map((item) => ({ ...item, json: { ...item.json, ...parent.tag } }));
		} catch (error) {
			const failure = failureOf(error);
			// A token or rate-limit failure is not this parent's: the next parents would fail alike.
			const callerWide = failure?.kind === 'graph' && CALLER_WIDE_CODES.has(Number(failure.graphError.code));
			const nodeError = asNodeError(node, error);
			nodeError.message = `${parent.label}: ${nodeError.message}`;
			if (stopOnFirstError || callerWide) {
				firstError ??= nodeError;
				return [];
			}
			total += 1;
			// More keys than `error` and `details`: n8n keeps it on the main output, beside the other WABAs' numbers.
			return [{ json: { ...parent.tag, ...errorItem(nodeError).json } }];
		}
	};
	const concurrency = maxResults === undefined ? spec.across.concurrency : 1;
	const perParent = await mapConcurrently(parents, concurrency, readParent, () => firstError !== undefined);
	if (firstError) throw firstError;
	return perParent.flatMap((items) => items ?? []);
}

/**
 * Sends the steps an operation declares in `before` with the runner's base URL, timeout,
 * answer reading, retry rules and secret removal; a failure's message names the step.
 */
function graphStepSender(
	context: IExecutePaginationFunctions,
	{ secrets, timeoutMs, baseURL }: { secrets: string[]; timeoutMs: number; baseURL?: string },
): GraphStep {
	const node = context.getNode();
	return async ({ step, authScheme = 'Bearer', repeat, oneShotBecause, onFailure, ...request }) => {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const send = async () => {
			let response: IN8nHttpFullResponse;
			try {
				response = (await context.helpers.httpRequest({
					...request,
					baseURL,
					headers: { Accept: 'application/json', ...request.headers, Authorization: `${authScheme} ${String(credentials.accessToken)}` },
					json: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					timeout: timeoutMs,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				throw transportError(node, error, { timeoutMs, secrets });
			}
			return readGraphAnswer(node, response, { expected: 'object', secrets }) as IDataObject;
		};
		try {
			return await withGraphRetries(node, send, { repeat, oneShotBecause });
		} catch (error) {
			const nodeError = asNodeError(node, error);
			nodeError.message = `${step} failed: ${nodeError.message}`;
			if (onFailure) nodeError.description = `${nodeError.description ?? ''} ${onFailure}`.trim();
			throw nodeError;
		}
	};
}

function graphRunner(spec: GraphOperationSpec) {
	const expected = spec.list ? 'page' : 'object';
	const outcomeCheck = spec.repeat === 'read' ? undefined : spec.outcomeCheck;
	const oneShotBecause = spec.repeat === 'oneShotWrite' ? spec.oneShotBecause : undefined;

	return async function sendGraphRequest(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		const node = this.getNode();
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const secrets = [...credentialSecrets(credentials), ...secretValues(this, spec.secrets ?? [])];
		const timeoutMs = requestTimeoutMs(this);
		requestData.options.baseURL = graphBaseUrl(credentials, node);
		requestData.options.timeout = timeoutMs;
		if (spec.across) {
			try {
				const items = await readAcrossParents.call(this, { ...spec, across: spec.across }, requestData, { secrets, timeoutMs });
				return spec.finish ? await spec.finish.call(this, items) : items;
			} catch (error) {
				return failed(this, error);
			}
		}

		// n8n applies requestData.postReceive to each answer of makeRoutingRequest; this first
		// step checks the answer's shape and unwraps list pages before the operation's own steps.
		let after: string | undefined;
		const readAnswer: PostReceiveAction = async function (_items, response) {
			const answer = readGraphAnswer(node, response, { expected, secrets, adviceFor: spec.adviceFor });
			if (!spec.list) return [{ json: answer as IDataObject }];
			after = nextPageCursor(answer as GraphPage);
			return (answer as GraphPage<IDataObject>).data.map((json) => ({ json }));
		};
		requestData.postReceive.unshift({ data: { parameterValue: undefined }, actions: [readAnswer] });

		const send = async (qs: IDataObject) => {
			try {
				return await this.makeRoutingRequest({ ...requestData, options: { ...requestData.options, qs } });
			} catch (error) {
				// A check of the operation's own (a NodeOperationError) is not a transport failure.
				throw error instanceof NodeOperationError
					? error
					: transportError(node, error, { timeoutMs, secrets, outcomeCheck });
			}
		};
		const doneOnRetry = spec.doneOnRetry;
		const alreadyDone = doneOnRetry
			? (error: NodeApiError) => {
					const failure = failureOf(error);
					const done = failure?.kind === 'graph' ? doneOnRetry.call(this, failure.graphError) : undefined;
					return done ? [{ json: done }] : undefined;
				}
			: undefined;

		try {
			if (spec.before) {
				const graphStep = graphStepSender(this, { secrets, timeoutMs, baseURL: requestData.options.baseURL });
				const bodyPart = await spec.before.call(this, graphStep);
				if (bodyPart) requestData.options.body = { ...(requestData.options.body as IDataObject), ...bodyPart };
			}
			const items = await collectPages(
				async (cursor, pageSize) => {
					const qs = { ...requestData.options.qs };
					if (spec.list) qs.limit = pageSize;
					if (cursor) qs.after = cursor;
					const page = await withGraphRetries(node, () => send(qs), { repeat: spec.repeat, oneShotBecause }, alreadyDone);
					return { items: page, after };
				},
				{
					maxResults: spec.list && requestData.maxResults ? Number(requestData.maxResults) : undefined,
					pageSize: spec.list ? (spec.pageSize ?? GRAPH_MAX_PAGE_SIZE) : 1,
				},
			);
			return spec.finish ? await spec.finish.call(this, items) : items;
		} catch (error) {
			return failed(this, error);
		}
	};
}

/** With On Error: Continue, a Graph failure becomes an error item; otherwise it ends the run. */
function failed(context: IExecutePaginationFunctions, error: unknown): INodeExecutionData[] {
	const nodeError = asNodeError(context.getNode(), error);
	if (nodeError instanceof NodeApiError && context.continueOnFail()) return [errorItem(nodeError)];
	throw nodeError;
}

/** The option n8n routes for a declared operation, its request runner attached. */
export function graphOperation(spec: GraphOperationSpec): GraphOperationOption {
	const { name, value, action, description, routing } = spec;
	return {
		name,
		value,
		action,
		description,
		routing: {
			request: routing.request,
			// `paginate` is what makes n8n hand the request to `operations.pagination`.
			send: { preSend: routing.send?.preSend ?? [], paginate: true },
			output: { postReceive: routing.output?.postReceive ?? [] },
			operations: { pagination: graphRunner(spec) },
		},
	} as GraphOperationOption;
}
