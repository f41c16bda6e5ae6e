import type { INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { partnerBusinessId, sendShareQuery, sharingSetsState, withSharedNumber } from '../helpers/sharing';

export const option = graphOperation({
	name: 'Share',
	value: 'share',
	action: 'Share a preverified number with a partner',
	toolDescription:
		'Shares a pre-verified number (by pre-verified ID) with a partner business so it can offer it in its Embedded Signup.',
	description: 'Let a partner of your multi-partner solution offer the number in its Embedded Signup',
	...sharingSetsState,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/share_preverified_numbers'), sendShareQuery] },
		output: { postReceive: [withSharedNumber] },
	},
});

export const properties: INodeProperties[] = [businessIdLocator, preVerifiedNumberIdLocator, partnerBusinessId];
