/**
 * The same list edge read for each of several parents, as one list (every phone number of
 * every WABA): the parents are listed once, then each parent's edge is paged like any list.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from './errorItem';
import { asNodeError, failureOf } from './graphAnswer';
import { graphErrorCode } from './graphErrors';
import { readPages } from './operationSteps';
import { mapConcurrently } from './pagination';
import type { GraphClient, GraphRequest } from './transport';

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

export interface AcrossParents {
	/** The parents, listed through `graph` under the operation's rules. */
	parents: (this: IExecutePaginationFunctions, graph: GraphClient) => Promise<ListParent[]>;
	/**
	 * Whether one parent's failure ends the run; otherwise it gives one error item and the others
	 * still come out. A failure about the caller (token, app or user rate limit) always ends it.
	 */
	stopOnFirstError: (this: IExecutePaginationFunctions) => boolean;
	/** Parents read at the same time with Return All; with a Limit one after the other, so no call passes it. */
	concurrency: number;
}

interface AcrossRequest {
	/** The routed request; each parent gives the URL. */
	request: GraphRequest;
	postReceive: DeclarativeRestApiSettings.ResultOptions['postReceive'];
	maxResults?: number;
	graph: GraphClient;
}

/**
 * Pages the routed request's edge for each parent (at most `concurrency` parents at a time),
 * each page through the one sender and the operation's `postReceive` steps, its items tagged
 * with their parent, in parent order. A failing parent gives one error item naming it,
 * unless the user asked to stop on the first error.
 */
export async function readAcrossParents(
	this: IExecutePaginationFunctions,
	across: AcrossParents,
	{ request, postReceive, maxResults, graph }: AcrossRequest,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const parents = await across.parents.call(this, graph);
	const stopOnFirstError = across.stopOnFirstError.call(this);

	let total = 0;
	let firstError: NodeApiError | NodeOperationError | undefined;
	const readParent = async (parent: ListParent): Promise<INodeExecutionData[]> => {
		const left = maxResults === undefined ? undefined : maxResults - total;
		if (left !== undefined && left <= 0) return [];
		try {
			if (parent.unavailable) throw new NodeOperationError(node, parent.unavailable.message, { description: parent.unavailable.description });
			const items = await readPages(this, graph.session, { ...request, url: parent.url }, postReceive, { maxResults: left });
			total += items.length;
			return items.map((item) => ({ ...item, json: { ...item.json, ...parent.tag } }));
		} catch (error) {
			const failure = failureOf(error);
			// A token or rate-limit failure is not this parent's: the next parents would fail alike.
			const callerWide = failure?.kind === 'graph' && graphErrorCode(failure.graphError.code)?.callerWide === true;
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
	const concurrency = maxResults === undefined ? across.concurrency : 1;
	const perParent = await mapConcurrently(parents, concurrency, readParent, () => firstError !== undefined);
	if (firstError) throw firstError;
	return perParent.flatMap((items) => items ?? []);
}
