import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator, wabaIdField, wabaIdLocator } from '../../shared/descriptions';
import { graphApiList, graphRequestRunner } from '../../shared/transport';
import { getValidatedParameter, sendToGraphObject, sendValidated } from '../../shared/validation';
import { matchClaimedNumbers } from '../helpers/claimed';
import { GRAPH_MAX_PAGE_SIZE } from '../../shared/pagination';

/** `last_onboarded_time` is when the number came onto the WABA: the claim, for the deadline. */
const BUSINESS_PHONE_NUMBER_FIELDS = 'id,display_phone_number,code_verification_status,status,last_onboarded_time';

/** Runs once on the whole pool, then makes one paginated pass over the WABA's numbers. */
async function findClaimedNumbers(
	this: IExecutePaginationFunctions,
	pool: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const wabaId = getValidatedParameter(this, wabaIdField);
	const businessPhoneNumbers = await graphApiList.call(this, `/${wabaId}/phone_numbers`, {
		fields: BUSINESS_PHONE_NUMBER_FIELDS,
	});
	const claimed = matchClaimedNumbers(
		pool.map((item) => item.json),
		businessPhoneNumbers,
		wabaId,
		new Date(),
	);
	return claimed.map((json) => ({ json }));
}

export const routing: INodePropertyRouting = {
	request: {
		method: 'GET',
		// Matching needs only the ID and the number.
		qs: { fields: 'id,phone_number', limit: GRAPH_MAX_PAGE_SIZE },
	},
	send: { preSend: [sendToGraphObject(businessIdField, '/preverified_numbers'), sendValidated(wabaIdField)] },
	operations: { pagination: graphRequestRunner(findClaimedNumbers) },
};

const properties: INodeProperties[] = [
	businessIdLocator,
	{
		...wabaIdLocator,
		description:
			'The client’s WhatsApp Business Account to look in. Its phone numbers are compared with the pool, digits only.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['findClaimed'] } }, properties);
