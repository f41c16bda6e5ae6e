import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { preVerifiedNumberIdParameter } from '../../shared/descriptions';
import { idsOf, taggedWith, withNamedId } from '../../shared/outputs';
import { lifecycleOfPreVerifiedNumber } from '../../shared/preVerifiedLifecycle';

/** A pre-verified number as Graph returned it (`id` kept), with its ID in the user's words and its lifecycle. */
export function describePreVerifiedNumber(number: IDataObject, now: Date): IDataObject {
	return { ...withNamedId(number, 'preVerifiedNumberId'), lifecycle: lifecycleOfPreVerifiedNumber(number, now) };
}

/** Adds the computed lifecycle to every pre-verified number of a response page. */
export async function withLifecycle(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	return items.map((item) => ({ json: describePreVerifiedNumber(item.json, now) }));
}

export const preVerifiedNumberIds = idsOf({ preVerifiedNumberId: preVerifiedNumberIdParameter });

/** Graph answers `{success}` or a list of partners: the output says which pre-verified number it was about. */
export const taggedWithPreVerifiedNumber = taggedWith(preVerifiedNumberIds);
