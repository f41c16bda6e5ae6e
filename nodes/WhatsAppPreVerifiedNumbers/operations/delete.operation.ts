import type { INodeProperties } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdLocator, preVerifiedNumberIdParameter } from '../../shared/descriptions';
import type { GraphError } from '../../shared/graphErrors';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { preVerifiedNumberIds, taggedWithPreVerifiedNumber } from '../helpers/output';

/** Graph's "object does not exist" (code 100, subcode 33). */
function isGone(graphError: GraphError): boolean {
	return graphError.code === 100 && graphError.error_subcode === 33;
}

export const option = graphOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a preverified number',
	toolDescription: 'Removes a number from the pre-verified pool (by pre-verified ID).',
	description: 'Remove a number from the pool',
	repeat: 'idempotentWrite',
	outcomeCheck: 'read the number with Get: an error saying it does not exist means it was deleted',
	doneOnRetry(graphError) {
		if (!isGone(graphError)) return undefined;
		return {
			success: true,
			...preVerifiedNumberIds(this),
			alreadyDeleted: true,
			note: 'The first attempt failed with a temporary error and the retry found the number already gone, so the first attempt deleted it.',
		};
	},
	routing: {
		request: { method: 'DELETE' },
		send: { preSend: [sendToGraphObject(preVerifiedNumberIdParameter)] },
		output: { postReceive: [taggedWithPreVerifiedNumber] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting cannot be undone: the number leaves the pool with its verification, and partners it was shared with can no longer offer it. To use it again, add it again and verify it with a new code.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
];
