'use strict';

const TWO_DIGIT_CODES = new Set([
	'20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
	'51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
	'86', '90', '91', '92', '93', '94', '95', '98',
]);

const REGION_BY_DIAL_CODE = {
	1: 'US', 7: 'RU', 27: 'ZA', 33: 'FR', 34: 'ES', 39: 'IT', 44: 'GB', 49: 'DE', 52: 'MX', 55: 'BR', 61: 'AU',
	62: 'ID', 65: 'SG', 81: 'JP', 82: 'KR', 91: 'IN', 971: 'AE', 973: 'BH', 41: 'CH',
};

function digitsOf(value) {
	return String(value ?? '').replace(/\D/g, '');
}

/** Country calling code of an E.164 number given as digits. */
function dialCodeOf(digits) {
	if (digits.startsWith('1') || digits.startsWith('7')) return digits[0];
	if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
	return digits.slice(0, 3);
}

/** The way Graph shows a business number: `+1 211-555-5105`, `+44 7700 900123`. */
function formatDisplayNumber(value) {
	const digits = digitsOf(value);
	const dialCode = dialCodeOf(digits);
	const national = digits.slice(dialCode.length);
	if (dialCode === '1' && national.length === 10) {
		return `+1 ${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`;
	}
	const split = national.length > 6 ? national.length - 6 : Math.ceil(national.length / 2);
	return `+${dialCode} ${national.slice(0, split)} ${national.slice(split)}`.trim();
}

function regionOf(dialCode) {
	return REGION_BY_DIAL_CODE[dialCode];
}

module.exports = { digitsOf, dialCodeOf, formatDisplayNumber, regionOf };
