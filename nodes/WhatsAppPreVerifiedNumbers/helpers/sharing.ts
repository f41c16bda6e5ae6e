import type { INodeProperties } from 'n8n-workflow';

import { preVerifiedNumberIdField } from '../../shared/descriptions';
import type { ValidatedParameter } from '../../shared/validation';
import { graphObjectId, sendValidated } from '../../shared/validation';
import { withParameters } from './output';

const partnerBusinessIdField: ValidatedParameter<string> = {
	parameter: 'partnerBusinessId',
	label: 'Partner Business ID',
	schema: graphObjectId,
};

export const partnerBusinessId: INodeProperties = {
	displayName: 'Partner Business ID',
	name: 'partnerBusinessId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 506914307656634',
	description: 'The business portfolio ID of the partner in your multi-partner solution',
};

/** Share and Unshare send the same query: `partner_business_id` and `preverified_id`. */
export const sendShareQuery = sendValidated(
	{ ...preVerifiedNumberIdField, sendAs: { in: 'qs', property: 'preverified_id' } },
	{ ...partnerBusinessIdField, sendAs: { in: 'qs', property: 'partner_business_id' } },
);

export const withSharedNumber = withParameters({
	preVerifiedNumberId: preVerifiedNumberIdField,
	partnerBusinessId: partnerBusinessIdField,
});
