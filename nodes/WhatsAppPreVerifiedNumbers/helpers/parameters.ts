import type { INodeProperties } from 'n8n-workflow';

import { businessIdLocator } from '../../shared/descriptions';
import { GRAPH_MAX_PAGE_SIZE } from '../../shared/pagination';
import type { ValidatedParameter } from '../../shared/validation';
import { graphObjectId } from '../../shared/validation';

/** What the pool's list and Get ask for: everything the lifecycle needs, in the same call. */
export const PRE_VERIFIED_NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time';

/** Query of a pool listing: its fields, and `limit`, which marks it as a list for the Graph runner. */
export const POOL_LIST_QUERY = { fields: PRE_VERIFIED_NUMBER_FIELDS, limit: GRAPH_MAX_PAGE_SIZE };

// Path segments from resource locators; trimmed because "By ID" accepts surrounding spaces.
export const BUSINESS_ID_SEGMENT = '{{String($parameter.businessId).trim()}}';
export const PRE_VERIFIED_NUMBER_ID_SEGMENT = '{{String($parameter.preVerifiedNumberId).trim()}}';

export const businessIdField: ValidatedParameter<string> = {
	parameter: 'businessId',
	label: 'Business Portfolio',
	schema: graphObjectId,
	extractValue: true,
};

export const preVerifiedNumberIdField: ValidatedParameter<string> = {
	parameter: 'preVerifiedNumberId',
	label: 'Pre-Verified Number',
	schema: graphObjectId,
	extractValue: true,
};

/**
 * The business portfolio where the request itself does not need one: it only fills
 * "From List" of the pre-verified number below, so it is optional.
 */
export const poolBusinessForList: INodeProperties = {
	...businessIdLocator,
	required: false,
	description:
		'Optional. The business portfolio whose pool "From List" shows below; the request itself needs only the pre-verified number.',
};
