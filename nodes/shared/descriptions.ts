import type { INodeProperties } from 'n8n-workflow';

import type { ValidatedParameter } from './parameters';
import { graphObjectId } from './schemas';

interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	/** What the ID identifies, for the "By ID" validation message. */
	idOf: string;
	/** Where to find the ID, for both the editor's check and the node's own. */
	hint: string;
}

/** A Graph object's editor field and the validated field the node reads it through. */
interface GraphObjectField {
	locator: INodeProperties;
	field: ValidatedParameter<string>;
}

/** A resource locator with "From List" (searchable) and "By ID" (digits only). */
function graphObject({ displayName, name, description, searchListMethod, idOf, hint }: LocatorSpec): GraphObjectField {
	const locator: INodeProperties = {
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
						properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `A ${idOf} ID has digits only. ${hint}` },
					},
				],
			},
		],
	};
	// The editor's check (a typed ID) and the node's (an expression) give the same advice.
	const field = { parameter: name, label: displayName, schema: graphObjectId, extractValue: true, hint: `Correct the "${displayName}" field. ${hint}` };
	return { locator, field };
}

/** A business portfolio (Meta Business Manager), which owns WABAs and the pre-verified pool. */
const businessPortfolio = graphObject({
	displayName: 'Business Portfolio',
	name: 'businessId',
	description: 'The business portfolio (Business Manager) that owns the numbers',
	searchListMethod: 'searchBusinesses',
	idOf: 'business portfolio',
	hint: 'Copy the business portfolio ID from Meta Business Settings → Business info, or pick it From List.',
});

/** A WhatsApp Business Account. */
const whatsAppBusinessAccount = graphObject({
	displayName: 'WhatsApp Business Account',
	name: 'wabaId',
	description: 'The WhatsApp Business Account (WABA) that holds the phone numbers',
	searchListMethod: 'searchWhatsAppBusinessAccounts',
	idOf: 'WABA',
	hint: 'Copy the WhatsApp Business Account ID from WhatsApp Manager → Account tools, or pick it From List.',
});

/** A business phone number; "From List" needs the node's WABA. */
const phoneNumber = graphObject({
	displayName: 'Phone Number',
	name: 'phoneNumberId',
	description:
		'The business phone number, by its phone-number ID (not the phone number itself). "From List" shows the numbers of the WhatsApp Business Account chosen above.',
	searchListMethod: 'searchPhoneNumbers',
	idOf: 'phone number',
	hint: 'Use the phone-number ID shown in WhatsApp Manager → Phone numbers (not the phone number itself), or pick it From List.',
});

/** A number of the pre-verified pool; "From List" needs the node's business portfolio. */
const preVerifiedNumber = graphObject({
	displayName: 'Pre-Verified Number',
	name: 'preVerifiedNumberId',
	description:
		'The pre-verified number, by its pre-verified ID. "From List" shows the pool of the business portfolio chosen above.',
	searchListMethod: 'searchPreVerifiedNumbers',
	idOf: 'pre-verified number',
	hint: 'Use the pre-verified ID that Add returned (not the phone number itself), or pick it From List.',
});

export const businessIdLocator = businessPortfolio.locator;
export const businessIdParameter = businessPortfolio.field;
export const wabaIdLocator = whatsAppBusinessAccount.locator;
export const wabaIdParameter = whatsAppBusinessAccount.field;
export const phoneNumberIdLocator = phoneNumber.locator;
export const phoneNumberIdParameter = phoneNumber.field;
export const preVerifiedNumberIdLocator = preVerifiedNumber.locator;
export const preVerifiedNumberIdParameter = preVerifiedNumber.field;

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

/**
 * Return All / Limit of every list operation. The Graph runner pages until the list ends,
 * or stops exactly at `maxResults`, which only the Limit sets. A tool reads the whole list
 * and answers it page by page, so its variant shows neither.
 */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { hide: { '@tool': [true] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] }, hide: { '@tool': [true] } },
		description: 'Max number of results to return',
		routing: { output: { maxResults: '={{$value}}' } },
	},
];
