import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { graphOperation } from '../../shared/graphOperation';
import { describeHealth } from '../../shared/healthStatus';
import { withNamedId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { askForHealth, chosenHealthTarget, healthTargetProperties } from '../helpers/healthTarget';

/** One item: the verdict, every entity's errors, and a one-line summary. */
async function outputHealth(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { idName, kind } = chosenHealthTarget(this);
	return items.map((item) => ({ ...item, json: describeHealth(withNamedId(item.json, idName), kind) }));
}

export const option = graphOperation({
	name: 'Get Health Status',
	value: 'getHealthStatus',
	action: 'Get the messaging health of a phone number or WABA',
	toolDescription:
		'Tells whether a phone number (by phone-number ID, digits) or a WABA can send messages (AVAILABLE, LIMITED or BLOCKED), with Meta\'s reasons and fixes and a one-line summary. Use it for "what is wrong with" or "can it send" questions.',
	description:
		'Read whether messages can be sent (AVAILABLE, LIMITED, BLOCKED), what blocks or limits them with Meta\'s suggested fix, and a one-line summary',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [askForHealth, sendToGraphObject((context) => chosenHealthTarget(context).idParameter)] },
		output: { postReceive: [outputHealth] },
	},
});

export const properties: INodeProperties[] = healthTargetProperties;
