import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { GRAPH_MAX_PAGE_SIZE } from '../../shared/pagination';
import { sendValidated } from '../../shared/validation';
import { withParameters } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_ID_SEGMENT, poolBusinessForList, preVerifiedNumberIdField } from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: {
		method: 'GET',
		url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}/partners`,
		qs: { limit: GRAPH_MAX_PAGE_SIZE },
	},
	send: { preSend: [sendValidated(preVerifiedNumberIdField)] },
	output: { postReceive: [withParameters({ preVerifiedNumberId: preVerifiedNumberIdField })] },
};

const properties: INodeProperties[] = [poolBusinessForList, preVerifiedNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['getPartners'] } }, properties);
