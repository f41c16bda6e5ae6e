import type { IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator, wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import type { GraphClient } from '../../shared/transport';
import { matchClaimedNumbers } from '../helpers/claimed';

/** `last_onboarded_time` is when the number came onto the WABA: the claim, for the deadline. */
const BUSINESS_PHONE_NUMBER_FIELDS = 'id,display_phone_number,code_verification_status,status,last_onboarded_time';

/** Runs once on the whole pool, then makes one paginated pass over the WABA's numbers. */
async function findClaimedNumbers(
	this: IExecutePaginationFunctions,
	pool: INodeExecutionData[],
	graph: GraphClient,
): Promise<INodeExecutionData[]> {
	const wabaId = getValidatedParameter(this, wabaIdParameter);
	const businessPhoneNumbers = await graph.list(`/${wabaId}/phone_numbers`, {
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

export const option = graphOperation({
	name: 'Find Claimed',
	value: 'findClaimed',
	action: 'Find claimed preverified numbers',
	toolDescription:
		'Finds which pre-verified numbers became phone numbers of a WABA (by WABA ID), pairing each with its phone-number ID.',
	description:
		'Find pool numbers a client claimed onto a WABA, with the new phone-number ID and the 90-day registration deadline',
	repeat: 'read',
	list: true,
	finish: findClaimedNumbers,
	routing: {
		// Matching needs only the ID and the number.
		request: { method: 'GET', qs: { fields: 'id,phone_number' } },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/preverified_numbers'), sendValidated(wabaIdParameter)] },
	},
});

export const properties: INodeProperties[] = [
	businessIdLocator,
	{
		...wabaIdLocator,
		description:
			'The client’s WhatsApp Business Account to look in. Its phone numbers are compared with the pool, digits only.',
	},
];
