import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import { preVerifiedNumberIdField } from '../../shared/descriptions';
import { lifecycleOfPreVerifiedNumber } from '../../shared/lifecycle';
import type { NumberIdOutput } from '../../shared/oneTimeCode';
import type { ValidatedParameter } from '../../shared/validation';
import { getValidatedParameter } from '../../shared/validation';

/** A pre-verified number as Graph returned it, with its ID in the user's words and its lifecycle. */
export function describePreVerifiedNumber(number: IDataObject, now: Date): IDataObject {
	return {
		...number,
		preVerifiedNumberId: number.id === undefined ? undefined : String(number.id),
		lifecycle: lifecycleOfPreVerifiedNumber(number, now),
	};
}

/** Adds the computed lifecycle to every pre-verified number of a response page. */
export async function withLifecycle(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	return items.map((item) => ({ json: describePreVerifiedNumber(item.json, now) }));
}

/**
 * Adds the validated parameters a request acted on to its result (`{success: true}` alone
 * does not tell the next node which number it was). Secrets such as the code are never passed.
 */
export function withParameters(fields: Record<string, ValidatedParameter<unknown>>): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		const values: IDataObject = {};
		for (const [outputName, field] of Object.entries(fields)) {
			values[outputName] = getValidatedParameter(this, field) as IDataObject[string];
		}
		return items.map((item) => ({ json: { ...item.json, ...values } }));
	};
}

/** The one-time-code steps output the number as `preVerifiedNumberId`, like every other operation here. */
export const preVerifiedNumberIdOutput: NumberIdOutput = {
	outputAs: 'preVerifiedNumberId',
	read: (context) => getValidatedParameter(context, preVerifiedNumberIdField),
};
