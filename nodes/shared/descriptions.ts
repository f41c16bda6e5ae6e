import type { INodeProperties } from 'n8n-workflow';

import type { ValidatedParameter } from './validation';
import { graphObjectId } from './validation';

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
];

interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** What the ID identifies, for the "By ID" validation message. */
	idOf: string;
}

/** A resource locator with "From List" (searchable) and "By ID" (digits only). */
function graphObjectLocator({ displayName, name, description, searchListMethod, idOf }: LocatorSpec): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${idOf}...`,
				typeOptions: { searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 106540352242922',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `A ${idOf} ID has digits only` },
					},
				],
			},
		],
	};
}

/** A business portfolio (Meta Business Manager), which owns WABAs and the pre-verified pool. */
export const businessIdLocator = graphObjectLocator({
	displayName: 'Business Portfolio',
	name: 'businessId',
	description: 'The business portfolio (Business Manager) that owns the numbers',
	searchListMethod: 'searchBusinesses',
	idOf: 'business portfolio',
});

/** A WhatsApp Business Account. */
export const wabaIdLocator = graphObjectLocator({
	displayName: 'WhatsApp Business Account',
	name: 'wabaId',
	description: 'The WhatsApp Business Account (WABA) that holds the phone numbers',
	searchListMethod: 'searchWhatsAppBusinessAccounts',
	idOf: 'WABA',
});

/** A business phone number; "From List" needs the node's WABA. */
export const phoneNumberIdLocator = graphObjectLocator({
	displayName: 'Phone Number',
	name: 'phoneNumberId',
	description:
		'The business phone number, by its phone-number ID (not the phone number itself). "From List" shows the numbers of the WhatsApp Business Account chosen above.',
	searchListMethod: 'searchPhoneNumbers',
	idOf: 'phone number',
});

/** A number of the pre-verified pool; "From List" needs the node's business portfolio. */
export const preVerifiedNumberIdLocator = graphObjectLocator({
	displayName: 'Pre-Verified Number',
	name: 'preVerifiedNumberId',
	description:
		'The pre-verified number, by its pre-verified ID. "From List" shows the pool of the business portfolio chosen above.',
	searchListMethod: 'searchPreVerifiedNumbers',
	idOf: 'pre-verified number',
});

/**
 * The WABA where the request names only the phone number: never sent, it only fills the
 * Phone Number "From List" (which reads the `wabaId` parameter), so it shows only then.
 */
export const wabaForPhoneNumberList: INodeProperties = {
	...wabaIdLocator,
	displayName: 'WABA (for the List)',
	required: false,
	description:
		'Fills the Phone Number list below and is not sent. Not needed when you enter the phone-number ID By ID.',
	displayOptions: { show: { '/phoneNumberId.mode': ['list'] } },
};

/** The business portfolio, only to fill the Pre-Verified Number "From List" (it reads `businessId`). */
export const businessForPreVerifiedList: INodeProperties = {
	...businessIdLocator,
	displayName: 'Business Portfolio (for the List)',
	required: false,
	description:
		'Fills the Pre-Verified Number list below and is not sent. Not needed when you enter the pre-verified ID By ID.',
	displayOptions: { show: { '/preVerifiedNumberId.mode': ['list'] } },
};

/** A locator's ID as `sendToGraphObject` validates it; the error names the field as the editor shows it. */
function idFieldOf(locator: INodeProperties): ValidatedParameter<string> {
	return { parameter: locator.name, label: locator.displayName, schema: graphObjectId, extractValue: true };
}

export const businessIdField = idFieldOf(businessIdLocator);
export const wabaIdField = idFieldOf(wabaIdLocator);
export const phoneNumberIdField = idFieldOf(phoneNumberIdLocator);
export const preVerifiedNumberIdField = idFieldOf(preVerifiedNumberIdLocator);

/**
 * Return All / Limit of every list operation. The Graph runner pages until the list ends,
 * or stops exactly at `maxResults`, which only the Limit sets.
 */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
		routing: { output: { maxResults: '={{$value}}' } },
	},
];
