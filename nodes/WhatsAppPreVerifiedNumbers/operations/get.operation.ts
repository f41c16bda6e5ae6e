import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdField, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { withLifecycle } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_FIELDS } from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: { method: 'GET', qs: { fields: PRE_VERIFIED_NUMBER_FIELDS } },
	send: { preSend: [sendToGraphObject(preVerifiedNumberIdField)] },
	output: { postReceive: [withLifecycle] },
};

const properties: INodeProperties[] = [businessForPreVerifiedList, preVerifiedNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);
