import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendValidated } from '../../shared/validation';
import { withParameters } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_ID_SEGMENT, poolBusinessForList, preVerifiedNumberIdField } from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: { method: 'DELETE', url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}` },
	send: { preSend: [sendValidated(preVerifiedNumberIdField)] },
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
	poolBusinessForList,
	preVerifiedNumberIdLocator,
];

export const description = updateDisplayOptions({ show: { operation: ['delete'] } }, properties);
