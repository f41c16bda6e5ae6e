import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendValidated } from '../../shared/validation';
import { withLifecycle } from '../helpers/output';
import {
	PRE_VERIFIED_NUMBER_FIELDS,
	PRE_VERIFIED_NUMBER_ID_SEGMENT,
	poolBusinessForList,
	preVerifiedNumberIdField,
} from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: {
		method: 'GET',
		url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}`,
		qs: { fields: PRE_VERIFIED_NUMBER_FIELDS },
	},
	send: { preSend: [sendValidated(preVerifiedNumberIdField)] },
	output: { postReceive: [withLifecycle] },
};

const properties: INodeProperties[] = [poolBusinessForList, preVerifiedNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);
