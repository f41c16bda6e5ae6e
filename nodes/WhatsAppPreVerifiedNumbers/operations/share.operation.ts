import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdLocator, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { BUSINESS_ID_SEGMENT } from '../helpers/parameters';
import { partnerBusinessId, sendShareQuery, withSharedNumber } from '../helpers/sharing';

export const routing: INodePropertyRouting = {
	request: { method: 'POST', url: `=/${BUSINESS_ID_SEGMENT}/share_preverified_numbers` },
	send: { preSend: [sendShareQuery] },
	output: { postReceive: [withSharedNumber] },
};

const properties: INodeProperties[] = [businessIdLocator, preVerifiedNumberIdLocator, partnerBusinessId];

export const description = updateDisplayOptions({ show: { operation: ['share'] } }, properties);
