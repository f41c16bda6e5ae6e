import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdField, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { withParameters } from '../helpers/output';

export const routing: INodePropertyRouting = {
	request: { method: 'DELETE' },
	send: { preSend: [sendToGraphObject(preVerifiedNumberIdField)] },
	output: { postReceive: [withParameters({ preVerifiedNumberId: preVerifiedNumberIdField })] },
};

const properties: INodeProperties[] = [
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

export const description = updateDisplayOptions({ show: { operation: ['delete'] } }, properties);
