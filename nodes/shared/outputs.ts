/**
 * How outputs name IDs, the same everywhere: an item keeps Graph's `id` and carries the
 * ID under the name workflows use (`phoneNumberId`, `preVerifiedNumberId`).
 */
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { phoneNumberIdParameter } from './descriptions';
import { getValidatedParameter, type ValidatedParameter } from './parameters';

/** The IDs a request acted on, read from the node's (validated) parameters. */
export type IdsOf = (context: IExecuteSingleFunctions) => IDataObject;

/** `{outputName: value}` of validated fields, such as `{ phoneNumberId: phoneNumberIdParameter }`. */
export function idsOf(fields: Record<string, ValidatedParameter<string>>): IdsOf {
	return (context) =>
		Object.fromEntries(Object.entries(fields).map(([outputName, field]) => [outputName, getValidatedParameter(context, field)]));
}

/** A Graph object that keeps `id` and also carries it as `idName`. */
export function withNamedId(graphObject: IDataObject, idName: string): IDataObject {
	return { ...graphObject, [idName]: graphObject.id === undefined ? undefined : String(graphObject.id) };
}

/** `postReceive`: each Graph object keeps `id` and also carries it as `idName`. */
export function namingGraphId(idName: string): PostReceiveAction {
	return async function (items: INodeExecutionData[]) {
		return items.map((item) => ({ ...item, json: withNamedId(item.json, idName) }));
	};
}

/** `postReceive`: adds the IDs the request acted on (Graph's `{success: true}` alone does not say which). */
export function taggedWith(ids: IdsOf): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		const values = ids(this);
		return items.map((item) => ({ ...item, json: { ...item.json, ...values } }));
	};
}

/** For operations on one business phone number (Phone Numbers and Settings nodes). */
export const taggedWithPhoneNumber = taggedWith(idsOf({ phoneNumberId: phoneNumberIdParameter }));
