import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { SECRET_FIELD_NAMES } from './graphErrors';

/** The two-step verification PIN: exactly six digits. */
export const sixDigitPin = z
	.string()
	.trim()
	.regex(/^\d{6}$/, 'must be exactly 6 digits, such as 123456');

/** A one-time code as the SMS shows it (`123-456`) or typed without the hyphen. */
export const otpCode = z
	.string()
	.trim()
	.regex(/^\d{3}[-\s]?\d{3}$/, 'must be the 6-digit code from the SMS or call, such as 123456 or 123-456')
	.transform((code) => code.replace(/\D/g, ''));

/**
 * A phone number with its country code, in any common formatting
 * (`+1 (631) 555-1234`, `1-631-555-1234`), normalised to digits.
 */
export const e164Digits = z
	.string()
	.trim()
	.regex(/^\+?[\d\s().-]+$/, 'may contain only digits, spaces, +, -, ( and )')
	.transform((phone) => phone.replace(/\D/g, ''))
	.refine((digits) => digits.length >= 8 && digits.length <= 15, {
		message: 'must have 8 to 15 digits including the country code, such as +1 631 555 1234',
	});

/** A Graph object ID (WABA, phone number, business, pre-verified number): a digit string. */
export const graphObjectId = z
	.string()
	.trim()
	.regex(/^\d+$/, 'must be a numeric Graph object ID, such as 106540352242922');

/** A language code in `en` or `en_US` style, as Meta's one-time-code messages accept. */
export const languageCode = z
	.string()
	.trim()
	.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must look like en or en_US (language, then optional _COUNTRY)');

/** How the one-time code is delivered. */
export const codeMethod = z.enum(['SMS', 'VOICE'], {
	errorMap: () => ({ message: 'must be SMS or VOICE' }),
});

export interface ValidatedParameter<T> {
	/** Parameter name in the node, as `getNodeParameter` reads it. */
	parameter: string;
	/** The field's label in the editor, used in the error message. */
	label: string;
	schema: z.ZodType<T, z.ZodTypeDef, unknown>;
	/** A resource locator's value is read with `extractValue`. */
	extractValue?: boolean;
	/** How to fix a bad value, in the user's words. */
	hint?: string;
}

/** Parses a value or throws a NodeOperationError that names the field, the problem and the fix. */
export function parseField<T>(node: INode, field: ValidatedParameter<T>, value: unknown, itemIndex?: number): T {
	const result = field.schema.safeParse(typeof value === 'number' ? String(value) : value);
	if (result.success) return result.data;
	const problem = result.error.issues[0]?.message ?? 'is not valid';
	const shown = describeValue(field, value);
	throw new NodeOperationError(node, `${field.label} ${problem}`, {
		itemIndex,
		description: `${shown}${field.hint ?? `Correct the "${field.label}" field and run the node again.`}`,
	});
}


function describeValue(field: ValidatedParameter<unknown>, value: unknown): string {
	if (value === undefined || value === null || value === '') return `"${field.label}" is empty. `;
	if (SECRET_FIELD_NAMES.has(field.parameter)) return '';
	return `Received "${String(value)}". `;
}

/** Reads a node parameter and validates it with its schema. */
export function getValidatedParameter<T>(
	context: Pick<IExecuteSingleFunctions, 'getNodeParameter' | 'getNode'>,
	field: ValidatedParameter<T>,
): T {
	const value = context.getNodeParameter(field.parameter, undefined, {
		extractValue: field.extractValue ?? false,
	});
	return parseField(context.getNode(), field, value);
}

type RequestTarget = { in: 'qs' | 'body'; property: string };

/**
 * A `preSend` step that validates parameters before any request is sent and, where a
 * target is given, sends the normalised value (digits only, hyphen stripped…).
 */
export function sendValidated(
	...fields: Array<ValidatedParameter<unknown> & { sendAs?: RequestTarget }>
) {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		for (const field of fields) {
			const value = getValidatedParameter(this, field) as IDataObject[string];
			if (!field.sendAs) continue;
			if (field.sendAs.in === 'qs') {
				requestOptions.qs = { ...requestOptions.qs, [field.sendAs.property]: value };
			} else {
				requestOptions.body = {
					...(requestOptions.body as IDataObject),
					[field.sendAs.property]: value,
				};
			}
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
		const objectField = typeof field === 'function' ? field(this) : field;
		return { ...requestOptions, url: `/${getValidatedParameter(this, objectField)}${edge}` };
	};
}
