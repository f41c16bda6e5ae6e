import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { parameterOf } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { httpsUrl } from '../../shared/schemas';
import {
	ADDITIONAL_INFORMATION_MAX_LENGTH,
	OBA_NEXT_STEPS,
	optionalText,
	PARENT_BRAND_MAX_LENGTH,
	REAPPLY_AFTER_REJECTION_DAYS,
	requiredText,
	SUPPORTING_LINKS_MAX,
	SUPPORTING_LINKS_MIN,
	supportingLinks,
} from '../helpers/officialBusinessAccount';

const applyNotice: INodeProperties = {
	displayName: `Meta grants the blue badge to notable brands only: the business verified, two-step verification on, the display name approved, on the platform for at least 30 days. Meta reviews each request, so this node sends it once and never retries. After a rejection a new request can be sent only ${REAPPLY_AFTER_REJECTION_DAYS} days later; Get Official Business Account Status shows the decision.`,
	name: 'applyOfficialBusinessAccountNotice',
	type: 'notice',
	default: '',
};

const websiteProperty: INodeProperties = {
	displayName: 'Business Website URL',
	name: 'businessWebsiteUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://www.luckyshrub.com',
	description: "The business's website, an https:// address that shows the display name",
};

const countryProperty: INodeProperties = {
	displayName: 'Primary Country of Operation',
	name: 'primaryCountryOfOperation',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. United States of America',
	description: 'The country where the business mainly operates, as Meta\'s example writes it (the country\'s name)',
};

const languageProperty: INodeProperties = {
	displayName: 'Primary Language',
	name: 'primaryLanguage',
	type: 'string',
	default: '',
	placeholder: 'e.g. English',
	description: "The business's main language with customers. Leave empty to not send it.",
};

const supportingLinksProperty: INodeProperties = {
	displayName: 'Supporting Links',
	name: 'supportingLinks',
	type: 'string',
	typeOptions: { rows: 5 },
	default: '',
	placeholder: 'https://www.example-news.com/2026/your-brand\nhttps://…',
	description: `${SUPPORTING_LINKS_MIN} to ${SUPPORTING_LINKS_MAX} https:// links to recent articles about the business in well-known publications (not its own site, social pages or paid content), one per line. Leave empty to send none.`,
};

const parentBrandProperty: INodeProperties = {
	displayName: 'Parent Business or Brand',
	name: 'parentBusinessOrBrand',
	type: 'string',
	default: '',
	placeholder: 'e.g. Lucky Shrub LLC',
	description: `The well-known parent business or brand, if any, up to ${PARENT_BRAND_MAX_LENGTH} characters. Leave empty to not send it.`,
};

const additionalInformationProperty: INodeProperties = {
	displayName: 'Additional Supporting Information',
	name: 'additionalSupportingInformation',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: `Anything else that shows the business is notable, up to ${ADDITIONAL_INFORMATION_MAX_LENGTH} characters. Leave empty to not send it.`,
};

const sentFields = [
	{
		...parameterOf(websiteProperty, httpsUrl, { hint: 'Enter the full website address starting with https://.' }),
		sendAs: { in: 'body', property: 'business_website_url' } as const,
	},
	{
		...parameterOf(countryProperty, requiredText, { hint: 'Enter the country name, such as United States of America.' }),
		sendAs: { in: 'body', property: 'primary_country_of_operation' } as const,
	},
	{ ...parameterOf(languageProperty, optionalText(100)), sendAs: { in: 'body', property: 'primary_language' } as const },
	{
		...parameterOf(supportingLinksProperty, supportingLinks, {
			hint: `Enter ${SUPPORTING_LINKS_MIN} to ${SUPPORTING_LINKS_MAX} different https:// links, one per line, or leave the field empty.`,
		}),
		sendAs: { in: 'body', property: 'supporting_links' } as const,
	},
	{
		...parameterOf(parentBrandProperty, optionalText(PARENT_BRAND_MAX_LENGTH)),
		sendAs: { in: 'body', property: 'parent_business_or_brand' } as const,
	},
	{
		...parameterOf(additionalInformationProperty, optionalText(ADDITIONAL_INFORMATION_MAX_LENGTH)),
		sendAs: { in: 'body', property: 'additional_supporting_information' } as const,
	},
];

/** Graph answers `{success: true}`, which is not an approval: the output says what follows. */
async function describeRequest(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({
		...item,
		json: { ...item.json, reapplyAfterRejectionDays: REAPPLY_AFTER_REJECTION_DAYS, nextSteps: OBA_NEXT_STEPS },
	}));
}

export const option = graphOperation({
	name: 'Apply for Official Business Account',
	value: 'applyOfficialBusinessAccount',
	action: 'Apply for official business account status',
	toolDescription:
		'Applies for the official business account blue badge for a phone number (by phone-number ID), with the business details configured in the node.',
	description:
		'Ask Meta to make a business phone number an Official Business Account (blue badge); follow it with Get Official Business Account Status',
	repeat: 'oneShotWrite',
	oneShotBecause: `Meta reviews every request and, after a rejection, accepts a new one only ${REAPPLY_AFTER_REJECTION_DAYS} days later`,
	outcomeCheck: 'read the number with Get Official Business Account Status: PENDING means the request arrived',
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/official_business_account'), sendValidated(...sentFields)] },
		output: { postReceive: [taggedWithPhoneNumber, describeRequest] },
	},
});

export const properties: INodeProperties[] = [
	applyNotice,
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	websiteProperty,
	countryProperty,
	languageProperty,
	supportingLinksProperty,
	parentBrandProperty,
	additionalInformationProperty,
];
