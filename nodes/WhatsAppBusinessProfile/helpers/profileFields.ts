/**
 * The business profile's text fields: Meta's limits, the editor fields of Update Profile
 * and the checks that run before anything is sent.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parameterOf, parseParameter, type ValidatedParameter } from '../../shared/parameters';

/** Meta's reference for `/whatsapp_business_profile`. */
export const PROFILE_LIMITS = {
	aboutMax: 139,
	addressMax: 256,
	descriptionMax: 512,
	emailMax: 128,
	websitesMax: 2,
	websiteMax: 256,
} as const;

/** The fields Get Profile asks for, as Meta's example does. */
export const PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical'];

/** Meta's business categories and the words the WhatsApp client shows for them. */
export const VERTICALS: Array<{ name: string; value: string }> = [
	{ name: 'Automotive', value: 'AUTO' },
	{ name: 'Beauty, Spa and Salon', value: 'BEAUTY' },
	{ name: 'Clothing and Apparel', value: 'APPAREL' },
	{ name: 'Education', value: 'EDU' },
	{ name: 'Entertainment', value: 'ENTERTAIN' },
	{ name: 'Event Planning and Service', value: 'EVENT_PLAN' },
	{ name: 'Finance and Banking', value: 'FINANCE' },
	{ name: 'Food and Grocery', value: 'GROCERY' },
	{ name: 'Hotel and Lodging', value: 'HOTEL' },
	{ name: 'Medical and Health', value: 'HEALTH' },
	{ name: 'Non-Profit', value: 'NONPROFIT' },
	{ name: 'Not a Business', value: 'NOT_A_BIZ' },
	{ name: 'Other', value: 'OTHER' },
	{ name: 'Professional Services', value: 'PROF_SERVICES' },
	{ name: 'Public Service', value: 'GOVT' },
	{ name: 'Restaurant', value: 'RESTAURANT' },
	{ name: 'Shopping and Retail', value: 'RETAIL' },
	{ name: 'Travel and Transportation', value: 'TRAVEL' },
	{ name: 'Undefined', value: 'UNDEFINED' },
];

/** Meta counts characters, not UTF-16 units: an emoji is one. */
const characters = (text: string) => [...text].length;

function textUpTo(min: number, max: number) {
	const range = min > 0 ? `${min} to ${max}` : `at most ${max}`;
	return z
		.string()
		.trim()
		.refine((text) => characters(text) >= min && characters(text) <= max, (text) => ({
			message: `must be ${range} characters; it has ${characters(text)}`,
		}));
}

const email = z
	.string()
	.trim()
	.max(PROFILE_LIMITS.emailMax, `must be at most ${PROFILE_LIMITS.emailMax} characters`)
	.email('must be a valid e-mail address, such as hello@example.com');

/** An http:// or https:// address, as Meta requires for websites. */
function isWebAddress(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
	} catch {
		return false;
	}
}

/** Websites typed one per line (or separated by commas), or an array from an expression. */
const websites = z
	.union([z.string(), z.array(z.string())])
	.transform((value) => (Array.isArray(value) ? value : value.split(/[\n,]/)).map((site) => site.trim()).filter(Boolean))
	.superRefine((sites, context) => {
		const problem = (message: string) => context.addIssue({ code: z.ZodIssueCode.custom, message });
		if (sites.length > PROFILE_LIMITS.websitesMax) return problem(`may hold at most ${PROFILE_LIMITS.websitesMax} addresses; ${sites.length} given`);
		const notWeb = sites.find((site) => !isWebAddress(site));
		if (notWeb !== undefined) return problem(`must be full http:// or https:// addresses; "${notWeb}" is not`);
		const tooLong = sites.find((site) => characters(site) > PROFILE_LIMITS.websiteMax);
		if (tooLong !== undefined) return problem(`must be at most ${PROFILE_LIMITS.websiteMax} characters each; one has ${characters(tooLong)}`);
	})
	// Meta does not say what an empty list does, so none is sent: the websites stay as they are.
	.transform((sites) => (sites.length ? sites : undefined));

const vertical = z.enum(VERTICALS.map(({ value }) => value) as [string, ...string[]], {
	errorMap: () => ({ message: `must be one of Meta's categories: ${VERTICALS.map(({ value }) => value).join(', ')}` }),
});

const aboutProperty: INodeProperties = {
	displayName: 'About',
	name: 'about',
	type: 'string',
	default: '',
	placeholder: 'e.g. Succulent specialists!',
	description: `The short text under the profile photo, 1 to ${PROFILE_LIMITS.aboutMax} characters. Links show but are not clickable; no Markdown.`,
};
const addressProperty: INodeProperties = {
	displayName: 'Address',
	name: 'address',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1 Hacker Way, Menlo Park, CA 94025',
	description: `The business address, up to ${PROFILE_LIMITS.addressMax} characters`,
};
const descriptionProperty: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: `What the business does, up to ${PROFILE_LIMITS.descriptionMax} characters`,
};
const emailProperty: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: `The contact e-mail address, up to ${PROFILE_LIMITS.emailMax} characters`,
};
const verticalProperty: INodeProperties = {
	displayName: 'Category',
	name: 'vertical',
	type: 'options',
	options: VERTICALS,
	default: 'OTHER',
	description: "The business category (Meta's vertical) shown on the profile",
};
const websitesProperty: INodeProperties = {
	displayName: 'Websites',
	name: 'websites',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	placeholder: 'https://www.example.com\nhttps://www.instagram.com/example',
	description: `Up to ${PROFILE_LIMITS.websitesMax} http:// or https:// addresses (${PROFILE_LIMITS.websiteMax} characters each), one per line. They replace the profile's current websites; left empty, the websites stay as they are.`,
};

/** Each field of the collection with its check, in the editor's (alphabetical) order. */
const profileFieldChecks: Array<[INodeProperties, z.ZodType<unknown, z.ZodTypeDef, unknown>, string?]> = [
	[aboutProperty, textUpTo(1, PROFILE_LIMITS.aboutMax), `Enter 1 to ${PROFILE_LIMITS.aboutMax} characters, or remove the field to keep the current text.`],
	[addressProperty, textUpTo(0, PROFILE_LIMITS.addressMax)],
	[verticalProperty, vertical, 'Pick a category from the list, or give one of the values named.'],
	[descriptionProperty, textUpTo(0, PROFILE_LIMITS.descriptionMax)],
	[emailProperty, email],
	[websitesProperty, websites, 'Enter one or two full addresses starting with http:// or https://, one per line.'],
];

export const PROFILE_FIELDS_PARAMETER = 'profileFields';

const validatedProfileFields: Array<ValidatedParameter<unknown>> = profileFieldChecks.map(([property, schema, hint]) =>
	parameterOf(property, schema, { parameter: `${PROFILE_FIELDS_PARAMETER}.${property.name}`, hint }),
);

export const profileFieldsCollection: INodeProperties = {
	displayName: 'Profile Fields',
	name: PROFILE_FIELDS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'The fields to change; fields not added here keep their current value',
	options: profileFieldChecks.map(([property]) => property),
};

/** The profile fields the user added, checked and normalised, keyed as Meta names them. */
export function setProfileFields(context: IExecuteSingleFunctions): IDataObject {
	const values = context.getNodeParameter(PROFILE_FIELDS_PARAMETER, {}) as IDataObject;
	const sent: IDataObject = {};
	for (const field of validatedProfileFields) {
		const name = field.parameter.slice(PROFILE_FIELDS_PARAMETER.length + 1);
		if (values[name] === undefined) continue;
		const value = parseParameter(context.getNode(), field, values[name]) as IDataObject[string];
		if (value !== undefined) sent[name] = value;
	}
	return sent;
}
