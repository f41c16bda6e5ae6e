import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, wabaIdField, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { addingHealthSummary } from '../../shared/healthStatus';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { e164Digits } from '../../shared/schemas';
import { sendAccountModeFilter, sendSortOrder } from '../helpers/listFilters';
import { phoneNumberFieldOptions, sendPhoneNumberFields } from '../helpers/phoneNumberFields';
import { addRegistrationDeadline } from '../helpers/registrationDeadline';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many phone numbers',
	description: 'List the business phone numbers of a WhatsApp Business Account',
	repeat: 'read',
	list: true,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(wabaIdField, '/phone_numbers'), sendPhoneNumberFields] },
		output: { postReceive: [namingGraphId('phoneNumberId'), addRegistrationDeadline, addingHealthSummary('Phone number')] },
	},
});

export const properties: INodeProperties[] = [
	wabaIdLocator,
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Choose the fields to return and narrow or order the list',
		options: [
			...phoneNumberFieldOptions,
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: 'newest',
				description: 'Order by when the number completed Embedded Signup (onboarding)',
				options: [
					{ name: 'Newest Onboarded First', value: 'newest', description: "Meta's default order" },
					{ name: 'Oldest Onboarded First', value: 'oldest' },
				],
				routing: { send: { preSend: [sendSortOrder] } },
			},
			{
				displayName: 'Account Mode',
				name: 'accountMode',
				type: 'options',
				default: 'LIVE',
				description:
					'Only numbers in this account mode. Meta offers this filter in beta, so some apps may not have it yet.',
				options: [
					{ name: 'Live', value: 'LIVE', description: 'Verified accounts, or accounts not eligible for the trial' },
					{ name: 'Sandbox', value: 'SANDBOX', description: 'Unverified accounts in the trial experience' },
				],
				routing: { send: { preSend: [sendAccountModeFilter] } },
			},
			{
				displayName: 'Display Phone Number',
				name: 'displayPhoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1 650-555-1234',
				description:
					'Only the number with exactly this phone number, country code included, in any formatting. Useful to find the number that replaced a claimed pre-verified number.',
				routing: {
					send: {
						preSend: [
							sendValidated({
								parameter: 'options.displayPhoneNumber',
								label: 'Display Phone Number',
								schema: e164Digits,
								sendAs: { in: 'qs', property: 'display_phone_number' },
							}),
						],
					},
				},
			},
		],
	},
];
