import { z } from 'zod';

/** A country calling code (`1`, `+44`), sent as digits. */
export const countryDialCode = z
	.string()
	.trim()
	.regex(/^\+?\d{1,4}$/, 'must be the country calling code, 1 to 4 digits, such as 1 or +44')
	.transform((code) => code.replace(/\D/g, ''));

/** A phone number without its country code, in any common formatting, sent as digits. */
export const nationalNumber = z
	.string()
	.trim()
	.regex(/^[\d\s().-]+$/, 'may contain only digits, spaces, -, ( and ), without the country code')
	.transform((phone) => phone.replace(/\D/g, ''))
	.refine((digits) => digits.length >= 4 && digits.length <= 14, {
		message: 'must have 4 to 14 digits without the country code, such as 631 555 1234',
	});

/** The display name (verified name) Meta will review. */
export const displayName = z.string().trim().min(1, 'must not be empty');
