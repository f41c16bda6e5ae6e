/** The fields Create, Create From Pre-Verified Number and Migrate From Another WABA share: the number's parts and its display name. */
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { parameterOf, getValidatedParameter } from '../../shared/parameters';
import { sendValidated, type SentField } from '../../shared/requestSteps';
import { displayName } from './displayName';

/** A country calling code (`1`, `+44`), sent as digits. */
export const countryDialCode = z
	.string()
	.trim()
	.regex(/^\+?\d{1,4}$/, 'must be the country calling code, 1 to 4 digits, such as 1 or +44')
	.transform((code) => code.replace(/\D/g, ''));

/**
 * A phone number in any common formatting, as digits: without its country code (`(631) 555-1234`),
 * or with it after a `+` (`+1 631-555-1234`), which keeps the `+` so the country code can be
 * checked against the Country Code field and removed.
 */
export const nationalNumber = z
	.string()
	.trim()
	.regex(/^\+?[\d\s().-]+$/, 'may contain only digits, spaces, +, -, ( and ), such as (631) 555-1234 or +1 631-555-1234')
	.transform((phone) => `${phone.startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`)
	.refine((number) => /^\+\d{5,18}$|^\d{4,14}$/.test(number), {
		message: 'must have 4 to 14 digits without the country code, such as 631 555 1234',
	});

const countryCodeProperty: INodeProperties = {
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1',
	description: 'The country calling code of the number, such as 1 for the US or 44 for the UK',
};

const phoneNumberProperty: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 631 555 1234',
	description:
		'The number without its country code, or with it after a + (+1 631-555-1234) when it matches Country Code; spaces, dashes and brackets are removed',
};

const displayNameProperty: INodeProperties = {
	displayName: 'Display Name',
	name: 'displayName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Jasper Market',
	description: "The business name shown in the number's WhatsApp profile; Meta reviews it",
};

export const newNumberProperties = [countryCodeProperty, phoneNumberProperty, displayNameProperty];

/** A migrated number keeps its approved display name, so Migrate asks only for the number. */
export const numberPartsProperties = [countryCodeProperty, phoneNumberProperty];

const newNumberFields = {
	countryCode: parameterOf(countryCodeProperty, countryDialCode),
	phoneNumber: parameterOf(phoneNumberProperty, nationalNumber),
	displayName: parameterOf(displayNameProperty, displayName),
};

/**
 * A `preSend` step that removes the country code from a Phone Number written with it
 * (`+1 631-555-1234`), after the fields were validated and placed in the body.
 */
function withoutCountryCode(phoneNumberProperty: string) {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const phone = getValidatedParameter(this, newNumberFields.phoneNumber);
		if (!phone.startsWith('+')) return requestOptions;
		const countryCode = getValidatedParameter(this, newNumberFields.countryCode);
		const national = phone.slice(1 + countryCode.length);
		if (!phone.startsWith(`+${countryCode}`) || national.length < 4 || national.length > 14) {
			throw new NodeOperationError(this.getNode(), `Phone Number does not start with Country Code +${countryCode}`, {
				description: `Received "${String(this.getNodeParameter('phoneNumber', ''))}". Give the number without its country code, such as 631 555 1234, or correct Country Code.`,
			});
		}
		return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), [phoneNumberProperty]: national } };
	};
}

/**
 * A `preSend` step sending the new number's parts in the body. Meta names the country code
 * and the number differently for a new number (`cc`, `phone_number`) and a pre-verified one
 * (`country_dial_code`, `display_phone_number`); the display name is `verified_name` in both.
 */
export function sendNewNumberParts(
	bodyNames: { countryCode: string; phoneNumber: string },
	...more: SentField[]
) {
	const send = sendValidated(
		...more,
		{ ...newNumberFields.countryCode, sendAs: { in: 'body', property: bodyNames.countryCode } },
		{ ...newNumberFields.phoneNumber, sendAs: { in: 'body', property: bodyNames.phoneNumber } },
		{ ...newNumberFields.displayName, sendAs: { in: 'body', property: 'verified_name' } },
	);
	const national = withoutCountryCode(bodyNames.phoneNumber);
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		return await national.call(this, await send.call(this, requestOptions));
	};
}

/** A `preSend` step sending the number as Meta's `cc` and `phone_number`, without a display name. */
export function sendNumberParts(...more: SentField[]) {
	const send = sendValidated(
		...more,
		{ ...newNumberFields.countryCode, sendAs: { in: 'body', property: 'cc' } },
		{ ...newNumberFields.phoneNumber, sendAs: { in: 'body', property: 'phone_number' } },
	);
	const national = withoutCountryCode('phone_number');
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		return await national.call(this, await send.call(this, requestOptions));
	};
}

/** Both create operations add a number once: a repeat could add it twice or fail on the first one's success. */
export const createOnce = {
	repeat: 'oneShotWrite',
	oneShotBecause: 'a repeat could add the number a second time',
	outcomeCheck:
		'list the WABA\'s numbers (Get Many, option Display Phone Number) to see whether it was added before running it again',
} as const;
