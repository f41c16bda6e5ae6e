import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { partnerBusinessId, sendShareQuery, withSharedNumber } from '../helpers/sharing';

export const routing: INodePropertyRouting = {
	request: { method: 'POST' },
	send: { preSend: [sendToGraphObject(businessIdField, '/share_preverified_numbers'), sendShareQuery] },
	output: { postReceive: [withSharedNumber] },
};

const properties: INodeProperties[] = [businessIdLocator, preVerifiedNumberIdLocator, partnerBusinessId];

export const description = updateDisplayOptions({ show: { operation: ['share'] } }, properties);
