import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator } from '../../shared/descriptions';
import type { PreVerifiedLifecycle } from '../../shared/lifecycle';
import { dueForReverification } from '../../shared/lifecycle';
import { sendToGraphObject } from '../../shared/validation';
import { describePreVerifiedNumber } from '../helpers/output';
import { POOL_LIST_QUERY } from '../helpers/parameters';

/** Keeps, page by page, the numbers a scheduled run should act on, each with why it is due. */
async function keepDueNumbers(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	const lookAheadDays = Number(this.getNodeParameter('options.lookAheadDays', 0)) || 0;
	const due: INodeExecutionData[] = [];
	for (const item of items) {
		const number = describePreVerifiedNumber(item.json, now);
		const reason = dueForReverification(number.lifecycle as PreVerifiedLifecycle, now, lookAheadDays);
		if (reason) due.push({ json: { ...number, due: reason } });
	}
	return due;
}

export const routing: INodePropertyRouting = {
	request: { method: 'GET', qs: POOL_LIST_QUERY },
	send: { preSend: [sendToGraphObject(businessIdField, '/preverified_numbers')] },
	output: { postReceive: [keepDueNumbers] },
};

const properties: INodeProperties[] = [
	businessIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Adjust which numbers count as due',
		options: [
			{
				displayName: 'Look-Ahead (Days)',
				name: 'lookAheadDays',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description:
					'Also return verified numbers whose re-verification window opens within this many days (marked "reverification window opens soon"; a code can be verified only once the window is open). Useful when the schedule runs weekly.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['getDueForReverification'] } }, properties);
