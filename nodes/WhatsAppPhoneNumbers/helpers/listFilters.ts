import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { sendValidated } from '../../shared/requestSteps';
import { e164Digits } from '../../shared/schemas';
import { phoneNumberFieldOptions } from './phoneNumberFields';

/** Graph lists newest onboarded first by default; only the reverse order needs a parameter. */
export async function sendSortOrder(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('options.sort', 'newest') === 'oldest') {
		requestOptions.qs = { ...requestOptions.qs, sort: JSON.stringify(['last_onboarded_time_ascending']) };
	}
	return requestOptions;
}

/** The documented (beta) `filtering` parameter, narrowed to one account mode. */
export async function sendAccountModeFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const accountMode = String(this.getNodeParameter('options.accountMode', 'LIVE'));
	const filtering = JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: accountMode }]);
	requestOptions.qs = { ...requestOptions.qs, filtering };
	return requestOptions;
}

export const PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION = 'Choose the fields to return and narrow or order the list';

/** The Options of a phone-number list (Get Many, and Get Many Across WABAs for each WABA): fields, order and filters. */
export const phoneNumberListOptions: INodeProperties[] = [
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
];
