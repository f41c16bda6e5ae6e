/** Reading node parameters through their schemas: one definition gives the editor label and the check. */
import type { IExecuteSingleFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';

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
	/** A PIN or one-time code: never echoed in errors and removed from everything a request leaves behind. */
	secret?: boolean;
}

/**
 * The validated field of an editor property: label from `displayName`, secret when the
 * editor hides the value (`typeOptions.password`), so the two cannot disagree.
 */
export function parameterOf<T>(
	property: INodeProperties,
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	{ parameter, hint }: { parameter?: string; hint?: string } = {},
): ValidatedParameter<T> {
	return {
		parameter: parameter ?? property.name,
		label: property.displayName,
		schema,
		extractValue: property.type === 'resourceLocator' || undefined,
		hint,
		secret: property.typeOptions?.password === true || undefined,
	};
}

/** Parses a value or throws a NodeOperationError that names the field, the problem and the fix. */
export function parseParameter<T>(node: INode, field: ValidatedParameter<T>, value: unknown, itemIndex?: number): T {
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
	if (field.secret) return '';
	return `Received "${String(value)}". `;
}

type ParameterContext = Pick<IExecuteSingleFunctions, 'getNodeParameter' | 'getNode'>;

// Each read of an expression parameter runs n8n's expression engine again; one item's
// preSend and postReceive steps share a context, so they share one evaluation.
const readValues = new WeakMap<ParameterContext, Map<string, unknown>>();

/** Reads a node parameter once per item and validates it with its schema. */
export function getValidatedParameter<T>(context: ParameterContext, field: ValidatedParameter<T>): T {
	let values = readValues.get(context);
	if (!values) readValues.set(context, (values = new Map()));
	if (!values.has(field.parameter)) {
		values.set(field.parameter, context.getNodeParameter(field.parameter, undefined, { extractValue: field.extractValue ?? false }));
	}
	return parseParameter(context.getNode(), field, values.get(field.parameter));
}
