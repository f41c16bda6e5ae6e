import type { INodeProperties } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdParameter, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { taggedWithPreVerifiedNumber } from '../helpers/output';

export const option = graphOperation({
	name: 'Get Partners',
	value: 'getPartners',
	action: 'Get the partners a number is shared with',
	toolDescription: 'Lists the partner businesses a pre-verified number (by pre-verified ID) is shared with.',
	description: 'List the partner businesses a pre-verified number is shared with, one item per partner',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(preVerifiedNumberIdParameter, '/partners')] },
		output: { postReceive: [taggedWithPreVerifiedNumber] },
	},
});

export const properties: INodeProperties[] = [businessForPreVerifiedList, preVerifiedNumberIdLocator];
