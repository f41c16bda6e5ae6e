import type { INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator, returnAllOrLimit } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { e164Digits } from '../../shared/schemas';
import { withLifecycle } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_FIELDS } from '../helpers/preVerifiedNumberFields';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many preverified numbers',
	toolDescription:
		'Lists the pre-verified number pool of a business portfolio (business ID, digits), each number with its verification status, verification expiry and when re-verification opens.',
	description: 'List the pool with each number’s verification times and computed lifecycle, one call per page',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET', qs: { fields: PRE_VERIFIED_NUMBER_FIELDS } },
		send: { preSend: [sendToGraphObject(businessIdParameter, '/preverified_numbers')] },
		output: { postReceive: [withLifecycle] },
	},
});

export const properties: INodeProperties[] = [
	businessIdLocator,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow the list on Graph’s side, so fewer pages are fetched',
		options: [
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1 555 078 3881',
				description: 'Only this number, with its country code, in any common formatting',
				routing: {
					send: {
						preSend: [
							sendValidated({
								parameter: 'filters.phoneNumber',
								label: 'Phone Number',
								schema: e164Digits,
								sendAs: { in: 'qs', property: 'phone_number' },
							}),
						],
					},
				},
			},
			{
				displayName: 'Verification Status',
				name: 'codeVerificationStatus',
				type: 'options',
				default: 'VERIFIED',
				description: 'Only numbers with this verification status',
				options: [
					{ name: 'Expired', value: 'EXPIRED', description: 'Verification lapsed after 90 days' },
					{ name: 'Not Verified', value: 'NOT_VERIFIED', description: 'Never verified, or lapsed' },
					{ name: 'Verified', value: 'VERIFIED', description: 'Verified and ready for Embedded Signup' },
				],
				routing: { send: { type: 'query', property: 'code_verification_status' } },
			},
		],
	},
];
