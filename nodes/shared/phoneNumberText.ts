/**
 * A phone number as people write it, from the digits Graph gives (`12115555105` →
 * `+1 211-555-5105`), for lists in the editor. North American numbers get Meta's own display form;
 * elsewhere the country code is set apart and the national number left whole, since its grouping
 * differs by country and no table of national plans belongs in a node package.
 */

/** ITU country calling codes of one and two digits; every other code has three. */
const SHORT_COUNTRY_CODES = new Set([
	'1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47',
	'48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81',
	'82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

/** `+<country code> <national number>`, or the text unchanged when it is not 8 to 15 digits. */
export function phoneNumberAsWritten(digits: string): string {
	if (!/^\d{8,15}$/.test(digits)) return digits;
	const nanp = /^1(\d{3})(\d{3})(\d{4})$/.exec(digits);
	if (nanp) return `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}`;
	const codeLength = SHORT_COUNTRY_CODES.has(digits.slice(0, 1)) ? 1 : SHORT_COUNTRY_CODES.has(digits.slice(0, 2)) ? 2 : 3;
	return `+${digits.slice(0, codeLength)} ${digits.slice(codeLength)}`;
}
