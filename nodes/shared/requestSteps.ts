/** `preSend` steps that validate parameters before anything is sent and place them in the request. */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { ValidatedParameter } from './parameters';
import { getValidatedParameter } from './parameters';

export type RequestTarget = { in: 'qs' | 'body'; property: string };

/** A validated field and where its normalised value goes in the request. */
export type SentField = ValidatedParameter<unknown> & { sendAs?: RequestTarget };

/**
 * A `preSend` step that validates parameters before any request is sent and, where a
 * target is given, sends the normalised value (digits only, hyphen stripped…).
 */
export function sendValidated(...fields: SentField[]) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		for (const field of fields) {
			const value = getValidatedParameter(this, field) as IDataObject[string];
			if (!field.sendAs) continue;
			const part = field.sendAs.in;
			requestOptions[part] = { ...(requestOptions[part] as IDataObject), [field.sendAs.property]: value };
		}
		return requestOptions;
	};
}

/** The ID field of the object a request acts on, or a choice of it made from other parameters. */
export type GraphObjectField =
	| ValidatedParameter<string>
	| ((context: IExecuteSingleFunctions) => ValidatedParameter<string>);

/**
 * A `preSend` step that validates the ID of the object the request acts on and points the
 * request at `/<ID><edge>`, so a bad ID is reported by name before anything is sent.
 */
export function sendToGraphObject(field: GraphObjectField, edge = '') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const objectParameter = typeof field === 'function' ? field(this) : field;
		return { ...requestOptions, url: `/${getValidatedParameter(this, objectParameter)}${edge}` };
	};
}
