/** Zod schemas named after what they accept; fields bind them to editor properties in parameters.ts. */
import { z } from 'zod';

import { GRAPH_ID_PATTERNS } from './graphIds';

/** The two-step verification PIN: exactly six digits. */
export const sixDigitPin = z
	.string()
	.trim()
	.regex(/^\d{6}$/, 'must be exactly 6 digits, such as 123456');

/** A one-time code as the SMS shows it (`123-456`) or typed without the hyphen. */
export const otpCode = z
	.string()
	.trim()
	.regex(/^\d{3}[-\s]?\d{3}$/, 'must be the 6-digit code from the SMS or call, such as 123456 or 123-456')
	.transform((code) => code.replace(/\D/g, ''));

/**
 * A phone number with its country code, in any common formatting
 * (`+1 (631) 555-1234`, `1-631-555-1234`), normalised to digits.
 */
export const e164Digits = z
	.string()
	.trim()
	.regex(/^\+?[\d\s().-]+$/, 'may contain only digits, spaces, +, -, ( and )')
	.transform((phone) => phone.replace(/\D/g, ''))
	.refine((digits) => digits.length >= 8 && digits.length <= 15, {
		message: 'must have 8 to 15 digits including the country code, such as +1 631 555 1234',
	});

/** A Graph object ID (WABA, phone number, business, pre-verified number): a digit string. */
export const graphObjectId = z
	.string()
	.trim()
	.regex(GRAPH_ID_PATTERNS.graphObject, 'must be a numeric Graph object ID, such as 106540352242922');

/** A language code in `en` or `en_US` style, as Meta's one-time-code messages accept. */
export const languageCode = z
	.string()
	.trim()
	.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must look like en or en_US (language, then optional _COUNTRY)');

/** How the one-time code is delivered. */
export const codeMethod = z.enum(['SMS', 'VOICE'], {
	errorMap: () => ({ message: 'must be SMS or VOICE' }),
});

/** An absolute https:// address (a website, a supporting link, a callback URL). */
export const httpsUrl = z
	.string()
	.trim()
	.refine((value) => {
		try {
			const url = new URL(value);
			return url.protocol === 'https:' && !!url.hostname;
		} catch {
			return false;
		}
	}, 'must be a full https:// address, such as https://www.example.com');
