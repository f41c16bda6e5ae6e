import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { partnerBusinessId, sendShareQuery, withSharedNumber } from '../helpers/sharing';

export const routing: INodePropertyRouting = {
	request: { method: 'DELETE' },
	send: { preSend: [sendToGraphObject(businessIdField, '/share_preverified_numbers'), sendShareQuery] },
	output: { postReceive: [withSharedNumber] },
};

const properties: INodeProperties[] = [
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

export const description = updateDisplayOptions({ show: { operation: ['unshare'] } }, properties);
