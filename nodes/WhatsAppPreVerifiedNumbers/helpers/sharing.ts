import type { INodeProperties } from 'n8n-workflow';

import { preVerifiedNumberIdParameter } from '../../shared/descriptions';
import type { Repetition } from '../../shared/graphOperation';
import { idsOf, taggedWith } from '../../shared/outputs';
import { parameterOf } from '../../shared/parameters';
import { sendValidated } from '../../shared/requestSteps';
import { graphObjectId } from '../../shared/schemas';

export const partnerBusinessId: INodeProperties = {
	displayName: 'Partner Business ID',
	name: 'partnerBusinessId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 506914307656634',
	description: 'The business portfolio ID of the partner in your multi-partner solution',
};

const partnerBusinessIdParameter = parameterOf(partnerBusinessId, graphObjectId);

/** Share and Unshare send the same query: `partner_business_id` and `preverified_id`. */
export const sendShareQuery = sendValidated(
	{ ...preVerifiedNumberIdParameter, sendAs: { in: 'qs', property: 'preverified_id' } },
	{ ...partnerBusinessIdParameter, sendAs: { in: 'qs', property: 'partner_business_id' } },
);

export const withSharedNumber = taggedWith(
	idsOf({ preVerifiedNumberId: preVerifiedNumberIdParameter, partnerBusinessId: partnerBusinessIdParameter }),
);

/** Sharing sets who may offer the number: a repeat leaves the same result. */
export const sharingSetsState: Repetition = {
	repeat: 'idempotentWrite',
	outcomeCheck: 'list who the number is shared with (Get Partners) before running it again',
};
