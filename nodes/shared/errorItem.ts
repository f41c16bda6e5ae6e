/** What a failure leaves in the output with On Error: Continue. */
import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from './graphAnswer';

/**
 * With On Error: Continue, the item keeps what the error says: message, advice, HTTP
 * status and Meta's code and fbtrace_id. An item carrying `error` would be cut down to the
 * message by n8n; `error` and `details` alone also route it to an error output.
 */
export function errorItem(error: NodeApiError | NodeOperationError): INodeExecutionData {
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

/** With On Error: Continue, a Graph failure becomes an error item; otherwise it ends the run. */
export function failed(context: IExecutePaginationFunctions, error: unknown): INodeExecutionData[] {
	const nodeError = asNodeError(context.getNode(), error);
	if (nodeError instanceof NodeApiError && context.continueOnFail()) return [errorItem(nodeError)];
	throw nodeError;
}
