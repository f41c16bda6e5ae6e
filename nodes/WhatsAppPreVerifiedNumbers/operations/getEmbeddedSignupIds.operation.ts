import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator } from '../../shared/descriptions';
import type { PreVerifiedLifecycle } from '../../shared/lifecycle';
import { graphRequestRunner } from '../../shared/transport';
import { sendToGraphObject } from '../../shared/validation';
import { describePreVerifiedNumber } from '../helpers/output';
import { POOL_LIST_QUERY } from '../helpers/parameters';

/**
 * One item for Embedded Signup's `extras.setup.preVerifiedPhone`. Graph's status can still
 * say VERIFIED after the expiry has passed; such numbers would make the client ask for a
 * code, so only numbers verified right now are listed.
 */
async function embeddedSignupIds(
	this: IExecutePaginationFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	const numbers = items
		.map((item) => describePreVerifiedNumber(item.json, now))
		.filter((number) => (number.lifecycle as PreVerifiedLifecycle).isVerified);
	const ids = numbers.map((number) => String(number.preVerifiedNumberId));
	return [
		{
			json: {
				preVerifiedPhone: { ids },
				count: ids.length,
				numbers: numbers.map(({ preVerifiedNumberId, phone_number, lifecycle }) => ({
					preVerifiedNumberId,
					phone_number,
					lifecycle,
				})),
			},
		},
	];
}

export const routing: INodePropertyRouting = {
	request: {
		method: 'GET',
		// Graph filters by status on its side, so unverified numbers cost no pages.
		qs: { ...POOL_LIST_QUERY, code_verification_status: 'VERIFIED' },
	},
	send: { preSend: [sendToGraphObject(businessIdField, '/preverified_numbers')] },
	operations: { pagination: graphRequestRunner(embeddedSignupIds) },
};

const properties: INodeProperties[] = [businessIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['getEmbeddedSignupIds'] } }, properties);
