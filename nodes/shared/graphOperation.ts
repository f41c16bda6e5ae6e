/**
 * One operation of an action node, declared where it is written: its editor option and
 * routing, whether it is a list, whether it is safe to repeat, which fields are secret.
 * `graphOperation` turns the declaration into the option n8n routes, with the request
 * runner attached to that option, so an operation cannot exist without it.
 *
 * The runner's order of steps, for each input item:
 *  1. validate and preSend: n8n's RoutingNode runs the option's `preSend` steps, which check
 *     the fields (a NodeOperationError before anything is sent) and place them in the request;
 *  2. before: requests that must come first (a file upload), whose answer joins the body;
 *  3. request and pages: the operation's request through the one sender (`transport.ts`),
 *     for a list each page, the page loop following the cursors; across parents
 *     (`acrossParents.ts`), each parent's pages;
 *  4. postReceive: the operation's steps on each answer (`operationSteps.ts`);
 *  5. finish: once, on all collected items;
 *  6. error item: with On Error: Continue, a Graph failure becomes an item (`errorItem.ts`).
 * A throw inside steps 2, 4 or 5 is reported as a fault of that step, never as a transport error.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodePropertyRouting,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

import { readAcrossParents, type AcrossParents } from './acrossParents';
import { failed } from './errorItem';
import type { Advice, GraphError } from './graphErrors';
import { failureOf } from './graphAnswer';
import { readPages, runBefore, runFinish, runPostReceive } from './operationSteps';
import { GRAPH_MAX_PAGE_SIZE } from './pagination';
import { getValidatedParameter, type ValidatedParameter } from './parameters';
import type { RepeatSafety } from './retryPolicy';
import {
	CREDENTIAL_TYPE,
	credentialSecrets,
	DEFAULT_TIMEOUT_SECONDS,
	graphClient,
	sendGraphRequest,
	type GraphClient,
	type GraphRequest,
	type GraphSession,
} from './transport';

export type { AcrossParents, ListParent } from './acrossParents';

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

/** Runs once on all collected items, for outputs that summarise a whole list; may read more through `graph`. */
export type FinishStep = (
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
	graph: GraphClient,
) => Promise<INodeExecutionData[]>;

/**
 * Requests sent before the operation's own, through `graph` under the same rules (base URL,
 * timeout, error reading, retries, secrets); what it returns joins the operation's request body.
 */
export type BeforeStep = (this: IExecutePaginationFunctions, graph: GraphClient) => Promise<IDataObject | undefined>;

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
 * The rules every request of one item of an operation shares: the node's Timeout, the
 * credential's secrets and the operation's secret fields, n8n's proxy and certificate options
 * and the credential's allowed domains, as RoutingNode worked them out.
 */
export async function operationSession(
	context: IExecuteSingleFunctions,
	{ secrets = [], connection }: { secrets?: Array<ValidatedParameter<unknown>>; connection?: DeclarativeRestApiSettings.ResultOptions['options'] } = {},
): Promise<GraphSession> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const { proxy, skipSslCertificateValidation, allowedDomains } = connection ?? {};
	return {
		credentials,
		timeoutMs: requestTimeoutMs(context),
		secrets: [...credentialSecrets(credentials), ...secretValues(context, secrets)],
		connection: {
			...(proxy ? { proxy } : {}),
			...(skipSslCertificateValidation ? { skipSslCertificateValidation: true } : {}),
			...(allowedDomains ? { allowedDomains } : {}),
		},
	};
}

/** The request RoutingNode built from the option and the fields, as the one sender takes it. */
function routedRequest(spec: GraphOperationSpec, options: DeclarativeRestApiSettings.ResultOptions['options']): GraphRequest {
	return {
		method: options.method ?? 'GET',
		url: options.url ?? '',
		qs: options.qs,
		body: options.body as IDataObject | undefined,
		repeat: spec.repeat,
		oneShotBecause: spec.repeat === 'oneShotWrite' ? spec.oneShotBecause : undefined,
		outcomeCheck: spec.repeat === 'read' ? undefined : spec.outcomeCheck,
		adviceFor: spec.adviceFor,
	};
}

function graphRunner(spec: GraphOperationSpec) {
	return async function runGraphOperation(
		this: IExecutePaginationFunctions,
		requestData: DeclarativeRestApiSettings.ResultOptions,
	): Promise<INodeExecutionData[]> {
		try {
			const session = await operationSession(this, { secrets: spec.secrets, connection: requestData.options });
			const graph = graphClient(this, session);
			const request = routedRequest(spec, requestData.options);
			const maxResults = requestData.maxResults ? Number(requestData.maxResults) : undefined;
			let items: INodeExecutionData[];
			if (spec.across) {
				items = await readAcrossParents.call(this, spec.across, { request, postReceive: requestData.postReceive, maxResults, graph });
			} else {
				const bodyPart = spec.before ? await runBefore(this, spec.before, graph) : undefined;
				if (bodyPart) request.body = { ...request.body, ...bodyPart };
				items = spec.list
					? await readPages(this, session, { ...request, expected: 'page' }, requestData.postReceive, {
							maxResults,
							pageSize: spec.pageSize ?? GRAPH_MAX_PAGE_SIZE,
						})
					: await readOne(this, spec, session, request, requestData.postReceive);
			}
			return spec.finish ? await runFinish(this, spec.finish, items, graph) : items;
		} catch (error) {
			return failed(this, error);
		}
	};
}

/** A single object: one request, then the operation's postReceive steps. */
async function readOne(
	context: IExecutePaginationFunctions,
	spec: GraphOperationSpec,
	session: GraphSession,
	request: GraphRequest,
	postReceive: DeclarativeRestApiSettings.ResultOptions['postReceive'],
): Promise<INodeExecutionData[]> {
	const doneOnRetry = spec.doneOnRetry;
	const answer = await sendGraphRequest(context, session, {
		...request,
		doneOnRetry: doneOnRetry
			? (error) => {
					const failure = failureOf(error);
					return failure?.kind === 'graph' ? doneOnRetry.call(context, failure.graphError) : undefined;
				}
			: undefined,
	});
	if ('alreadyDone' in answer) return [{ json: answer.alreadyDone }];
	return await runPostReceive(context, postReceive, [{ json: answer.body as IDataObject }], answer.response, session.secrets);
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
