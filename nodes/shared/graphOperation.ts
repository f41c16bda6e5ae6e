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
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, failureOf, readGraphAnswer, transportError } from './graphAnswer';
import { graphBaseUrl } from './graphBaseUrl';
import type { Advice, GraphError } from './graphErrors';
import { collectPages, GRAPH_MAX_PAGE_SIZE, nextPageCursor, type GraphPage } from './pagination';
import { getValidatedParameter, type ValidatedParameter } from './parameters';
import type { RepeatSafety } from './retryPolicy';
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
function requestTimeoutMs(context: IExecuteSingleFunctions): number {
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
function errorItem(error: NodeApiError): INodeExecutionData {
	const graphError = error.context.graphError as IDataObject | undefined;
	const details: IDataObject = { description: error.description ?? null, httpCode: error.httpCode ?? null };
	if (graphError) {
		for (const key of ['code', 'error_subcode', 'type', 'fbtrace_id']) {
			if (graphError[key] !== undefined) details[key] = graphError[key];
		}
	}
	return { json: { error: error.message, details } };
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
		requestData.options.baseURL = graphBaseUrl(credentials);
		requestData.options.timeout = timeoutMs;

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
					pageSize: spec.list ? GRAPH_MAX_PAGE_SIZE : 1,
				},
			);
			return spec.finish ? await spec.finish.call(this, items) : items;
		} catch (error) {
			const nodeError = asNodeError(node, error);
			if (nodeError instanceof NodeApiError && this.continueOnFail()) return [errorItem(nodeError)];
			throw nodeError;
		}
	};
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
