/**
 * The steps of an operation around its request (before, postReceive, finish) and the page
 * loop. A step's own failure (a bug, an answer it cannot read) is reported as a fault of that
 * step, saying which step and what happened; it is never taken for a transport failure, whose
 * message would say Meta could not be reached or that a write's outcome is unknown.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BeforeStep, FinishStep } from './graphOperation';
import { redactSecrets } from './graphErrors';
import { collectPages, nextPageCursor, type GraphPage } from './pagination';
import { sendGraphRequest, type GraphClient, type GraphRequest, type GraphSession } from './transport';

type PostReceiveSteps = DeclarativeRestApiSettings.ResultOptions['postReceive'];

/**
 * Our errors as they are; anything else thrown inside a step becomes an error that names the
 * step and what happened, and says what it means for the request.
 */
function stepFault(context: IExecutePaginationFunctions, step: string, error: unknown, meaning: string, secrets: string[]): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const what = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
	return new NodeOperationError(context.getNode(), `The node's ${step} failed: ${what}`, {
		description: `${meaning} This is a fault inside the node, not an answer from Meta or a network failure: report it to the package's maintainers with this message.`,
	});
}

/** Runs the operation's postReceive steps on one answer's items, in order. */
export async function runPostReceive(
	context: IExecutePaginationFunctions,
	steps: PostReceiveSteps,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
	secrets: string[],
): Promise<INodeExecutionData[]> {
	const actions = steps.flatMap(({ actions: stepActions }) => stepActions);
	let result = items;
	for (const [index, action] of actions.entries()) {
		const step = `step ${index + 1} of ${actions.length} reading Meta's answer${typeof action === 'function' && action.name ? ` (${action.name})` : ''}`;
		try {
			if (typeof action !== 'function') throw new Error('an operation takes postReceive functions only');
			result = await action.call(context, result, response);
		} catch (error) {
			throw stepFault(
				context,
				step,
				error,
				`Meta answered the request with HTTP ${response.statusCode}, so it was carried out; its answer could not be turned into output.`,
				secrets,
			);
		}
	}
	return result;
}

/** The operation's `before` step; what it returns joins the request body. */
export async function runBefore(context: IExecutePaginationFunctions, before: BeforeStep, graph: GraphClient): Promise<IDataObject | undefined> {
	try {
		return await before.call(context, graph);
	} catch (error) {
		throw stepFault(context, 'step before the request', error, "The operation's own request was not sent.", graph.session.secrets);
	}
}

/** The operation's `finish` step, once on all collected items. */
export async function runFinish(
	context: IExecutePaginationFunctions,
	finish: FinishStep,
	items: INodeExecutionData[],
	graph: GraphClient,
): Promise<INodeExecutionData[]> {
	try {
		return await finish.call(context, items, graph);
	} catch (error) {
		throw stepFault(context, 'step after the request', error, "The operation's request was answered; combining its items failed.", graph.session.secrets);
	}
}

/**
 * Pages a list edge: each page through the one sender and the postReceive steps, the cursor
 * kept by this loop, each page asking for no more than is still missing.
 */
export async function readPages(
	context: IExecutePaginationFunctions,
	session: GraphSession,
	request: GraphRequest,
	postReceive: PostReceiveSteps,
	paging: { maxResults?: number; pageSize?: number },
): Promise<INodeExecutionData[]> {
	return await collectPages(async (after, limit) => {
		const answer = await sendGraphRequest(context, session, {
			...request,
			expected: 'page',
			qs: { ...request.qs, limit, ...(after ? { after } : {}) },
		});
		if ('alreadyDone' in answer) return { items: [{ json: answer.alreadyDone }] };
		const page = answer.body as GraphPage<IDataObject>;
		const items = await runPostReceive(context, postReceive, page.data.map((json) => ({ json })), answer.response, session.secrets);
		return { items, after: nextPageCursor(page) };
	}, paging);
}
