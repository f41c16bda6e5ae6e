import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import type { PreVerifiedLifecycle } from '../../shared/preVerifiedLifecycle';
import { describePreVerifiedNumber } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_FIELDS } from '../helpers/preVerifiedNumberFields';

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

export const option = graphOperation({
	name: 'Get Embedded Signup IDs',
	value: 'getEmbeddedSignupIds',
	action: 'Get verified numbers for embedded signup',
	toolDescription: 'Lists the verified pre-verified numbers ready to offer in Embedded Signup, with their IDs.',
	description:
		'One item with the IDs of the pool’s verified numbers, shaped for extras.setup.preVerifiedPhone in Embedded Signup',
	repeat: 'read',
	list: true,
	finish: embeddedSignupIds,
	routing: {
		// Graph filters by status on its side, so unverified numbers cost no pages.
		request: { method: 'GET', qs: { fields: PRE_VERIFIED_NUMBER_FIELDS, code_verification_status: 'VERIFIED' } },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/preverified_numbers')] },
	},
});

export const properties: INodeProperties[] = [businessIdLocator];
