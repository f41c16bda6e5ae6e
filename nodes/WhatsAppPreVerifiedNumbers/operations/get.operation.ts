import type { INodeProperties } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdParameter, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { withLifecycle } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_FIELDS } from '../helpers/preVerifiedNumberFields';

export const option = graphOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a preverified number',
	toolDescription:
		'Reads one pre-verified number by its pre-verified ID (digits): verification status, expiry and lifecycle.',
	description: 'Read one pre-verified number with its verification times and computed lifecycle',
	repeat: 'read',
	routing: {
		request: { method: 'GET', qs: { fields: PRE_VERIFIED_NUMBER_FIELDS } },
		send: { preSend: [sendToGraphObject(preVerifiedNumberIdParameter)] },
		output: { postReceive: [withLifecycle] },
	},
});

export const properties: INodeProperties[] = [businessForPreVerifiedList, preVerifiedNumberIdLocator];
