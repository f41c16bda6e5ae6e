import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdField, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { GRAPH_MAX_PAGE_SIZE } from '../../shared/pagination';
import { sendToGraphObject } from '../../shared/validation';
import { withParameters } from '../helpers/output';

export const routing: INodePropertyRouting = {
	request: { method: 'GET', qs: { limit: GRAPH_MAX_PAGE_SIZE } },
	send: { preSend: [sendToGraphObject(preVerifiedNumberIdField, '/partners')] },
	output: { postReceive: [withParameters({ preVerifiedNumberId: preVerifiedNumberIdField })] },
};

const properties: INodeProperties[] = [businessForPreVerifiedList, preVerifiedNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['getPartners'] } }, properties);
