import type { INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { partnerBusinessId, sendShareQuery, sharingSetsState, withSharedNumber } from '../helpers/sharing';

export const option = graphOperation({
	name: 'Unshare',
	value: 'unshare',
	action: 'Unshare a preverified number from a partner',
	toolDescription: 'Stops sharing a pre-verified number (by pre-verified ID) with a partner business.',
	description: 'Stop a partner from offering the number in its Embedded Signup',
	...sharingSetsState,
	routing: {
		request: { method: 'DELETE' },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/share_preverified_numbers'), sendShareQuery] },
		output: { postReceive: [withSharedNumber] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName:
			'Unsharing takes effect at once and this step cannot undo it: the number disappears from this partner’s Embedded Signup, and Meta does not tell the partner. To offer it through them again, share it again and send them its ID.',
		name: 'unshareNotice',
		type: 'notice',
		default: '',
	},
	businessIdLocator,
	preVerifiedNumberIdLocator,
	partnerBusinessId,
];
