import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { chosenFieldNames } from '../../shared/fieldList';
import { addingHealthSummary } from '../../shared/healthStatus';
import { namingGraphId } from '../../shared/outputs';
import { addRegistrationDeadline } from './registrationDeadlineOutput';

/** Readable fields of a business phone number (Graph API reference and Meta's OpenAPI). */
export const PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'status',
	'quality_rating',
	'code_verification_status',
	'name_status',
	'new_name_status',
	'certificate',
	'new_certificate',
	'throughput',
	'platform_type',
	'host_platform',
	'last_onboarded_time',
	'account_mode',
	'is_official_business_account',
	'is_pin_enabled',
	'is_preverified_number',
	'health_status',
	'webhook_configuration',
	'messaging_limit_tier',
	'whatsapp_business_manager_messaging_limit',
	'country_code',
	'country_dial_code',
	'search_visibility',
] as const;

/** Asked for unless the user picks otherwise: what an operations team checks first. */
export const DEFAULT_PHONE_NUMBER_FIELDS = [
	'id',
	'display_phone_number',
	'verified_name',
	'status',
	'quality_rating',
	'code_verification_status',
	'name_status',
	'throughput',
	'last_onboarded_time',
	'account_mode',
	'is_preverified_number',
];

/** The Fields and Additional Field Names options, shared by Get and Get Many. */
export const phoneNumberFieldOptions: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [],
		description: `Fields to return for each number. Leave empty for the usual set: ${DEFAULT_PHONE_NUMBER_FIELDS.join(', ')}. With health_status, each number also gets a one-line healthSummary.`,
		options: PHONE_NUMBER_FIELDS.map((field) => ({ name: field, value: field })),
	},
	{
		displayName: 'Additional Field Names',
		name: 'additionalFieldNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. health_status, throughput{level}',
		description:
			'More Graph field names, separated by commas, sent as typed. Use it for fields Meta added after this node was written. They are added to the fields above (or to the usual set).',
	},
];

/**
 * The `fields` query value: the chosen fields (or the usual set) plus the typed ones, once
 * each. With `status` and `last_onboarded_time`, `is_preverified_number` is asked for too:
 * it decides whether the registration deadline is 14 or 90 days.
 */
export function phoneNumberFieldList(chosen: string[] | undefined, typed: string | undefined): string {
	const fields = chosenFieldNames(chosen, typed, DEFAULT_PHONE_NUMBER_FIELDS);
	if (fields.includes('status') && fields.includes('last_onboarded_time')) fields.push('is_preverified_number');
	return [...new Set(fields)].join(',');
}

/** `preSend`: asks Graph for the fields the user chose. */
export async function sendPhoneNumberFields(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const fields = phoneNumberFieldList(
		options.fields as string[] | undefined,
		options.additionalFieldNames as string | undefined,
	);
	requestOptions.qs = { ...requestOptions.qs, fields };
	return requestOptions;
}

/** `postReceive` of every read of numbers: `phoneNumberId`, the registration deadline, the health summary. */
export const phoneNumberOutput = [namingGraphId('phoneNumberId'), addRegistrationDeadline, addingHealthSummary('Phone number')];
