import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { dueForReverification, type PreVerifiedLifecycle } from '../../shared/preVerifiedLifecycle';
import { describePreVerifiedNumber } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_FIELDS } from '../helpers/preVerifiedNumberFields';

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

export const option = graphOperation({
	name: 'Get Due for Re-Verification',
	value: 'getDueForReverification',
	action: 'List numbers due for reverification',
	toolDescription:
		'Lists the pool\'s numbers whose verification lapses soon or has lapsed, soonest first, for a business portfolio (business ID). Use it for "which numbers lapse this week".',
	description:
		'List only the numbers to verify now: re-verification window open, lapsed, or never verified; each says why',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET', qs: { fields: PRE_VERIFIED_NUMBER_FIELDS } },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/preverified_numbers')] },
		output: { postReceive: [keepDueNumbers] },
	},
});

export const properties: INodeProperties[] = [
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
