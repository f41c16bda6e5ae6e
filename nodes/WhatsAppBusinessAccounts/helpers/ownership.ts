/**
 * A business portfolio's WABAs come from two Graph edges: the WABAs it owns and the client
 * WABAs shared with it. Get Many reads the first through the Graph runner and the second
 * in its finish step, so "both" costs one list more, and nothing more when the limit is
 * already reached.
 */
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import { WABA_EDGES as EDGES, type Ownership, type Relation } from '../../shared/businessWabas';
import { businessIdParameter } from '../../shared/descriptions';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';
import type { GraphClient } from '../../shared/transport';
import { describeWaba, sendWabaFields, wabaFieldList } from './wabaFields';

function chosenOwnership(context: IExecuteSingleFunctions | IExecutePaginationFunctions): Ownership {
	return context.getNodeParameter('ownership', 'both') as Ownership;
}

/** The edge the runner pages through: the client edge only when only client WABAs are wanted. */
function firstRelation(context: IExecuteSingleFunctions | IExecutePaginationFunctions): Relation {
	return chosenOwnership(context) === 'client' ? 'client' : 'owned';
}

/** `preSend`: `/<BUSINESS_ID>/<edge>` with the chosen fields. */
export async function sendToWabaEdge(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const withEdge = await sendToGraphObject(businessIdParameter, `/${EDGES[firstRelation(this)]}`).call(this, requestOptions);
	return await sendWabaFields.call(this, withEdge);
}

function described(context: IExecuteSingleFunctions | IExecutePaginationFunctions, waba: IDataObject, relation: Relation): IDataObject {
	return describeWaba(waba, { relation, businessId: getValidatedParameter(context, businessIdParameter) });
}

/** `postReceive` of each page of the first edge. */
export async function markFirstRelation(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const relation = firstRelation(this);
	return items.map((item) => ({ ...item, json: described(this, item.json, relation) }));
}

/** After the owned WABAs, the client WABAs, within what is left of the limit; a WABA listed twice is kept once. */
export async function addClientWabas(
	this: IExecutePaginationFunctions,
	owned: INodeExecutionData[],
	graph: GraphClient,
): Promise<INodeExecutionData[]> {
	if (chosenOwnership(this) !== 'both') return owned;
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const left = returnAll ? undefined : Number(this.getNodeParameter('limit', 50)) - owned.length;
	if (left !== undefined && left <= 0) return owned;
	const businessId = getValidatedParameter(this, businessIdParameter);
	// The same fields as the first list, so owned and client items have the same shape.
	const clients = await graph.list(`/${businessId}/${EDGES.client}`, { fields: wabaFieldList(this) }, { maxResults: left });
	const seen = new Set(owned.map((item) => String(item.json.id)));
	return [
		...owned,
		...clients.filter((waba) => !seen.has(String(waba.id))).map((waba) => ({ json: described(this, waba, 'client') })),
	];
}
