import { codeMethod, e164Digits, graphObjectId, httpsUrl, languageCode, otpCode, sixDigitPin } from '../../../nodes/shared/schemas';

describe('validators', () => {
	it.each([
		['123456', '123456'],
		[' 000000 ', '000000'],
	])('sixDigitPin accepts %p', (value, expected) => {
		expect(sixDigitPin.parse(value)).toBe(expected);
	});

	it.each(['12345', '1234567', 'abcdef', '12 3456', ''])('sixDigitPin refuses %p', (value) => {
		expect(sixDigitPin.safeParse(value).success).toBe(false);
	});

	it.each([
		['123456', '123456'],
		['123-456', '123456'],
		['123 456', '123456'],
	])('otpCode accepts %p as %p', (value, expected) => {
		expect(otpCode.parse(value)).toBe(expected);
	});

	it.each(['12a456', '12345', '1234-567', '123--456', ''])('otpCode refuses %p', (value) => {
		expect(otpCode.safeParse(value).success).toBe(false);
	});

	it.each([
		['+1 (631) 555-1234', '16315551234'],
		['+1 211-555-5105', '12115555105'],
		['12115555105', '12115555105'],
		['+55 11 95555-1234', '5511955551234'],
	])('e164Digits normalises %p to %p', (value, expected) => {
		expect(e164Digits.parse(value)).toBe(expected);
	});

	it.each(['555', '+1 631 555 12a4', 'call me', '1234567890123456'])('e164Digits refuses %p', (value) => {
		expect(e164Digits.safeParse(value).success).toBe(false);
	});

	it.each(['106540352242922', ' 42 '])('graphObjectId accepts %p', (value) => {
		expect(graphObjectId.parse(value)).toBe(value.trim());
	});

	it.each(['abc', '12-34', '', '1e5'])('graphObjectId refuses %p', (value) => {
		expect(graphObjectId.safeParse(value).success).toBe(false);
	});

	it.each(['en', 'en_US', 'pt_BR', 'fil'])('languageCode accepts %p', (value) => {
		expect(languageCode.parse(value)).toBe(value);
	});

	it.each(['EN', 'en-US', 'en_us', 'english', ''])('languageCode refuses %p', (value) => {
		expect(languageCode.safeParse(value).success).toBe(false);
	});

	it.each(['SMS', 'VOICE'])('codeMethod accepts %p', (value) => {
		expect(codeMethod.parse(value)).toBe(value);
	});

	it.each(['sms', 'EMAIL', ''])('codeMethod refuses %p', (value) => {
		expect(codeMethod.safeParse(value).success).toBe(false);
	});

	it.each([
		[' https://www.example.com ', 'https://www.example.com'],
		['https://n8n.example.com/webhook/abc?x=1', 'https://n8n.example.com/webhook/abc?x=1'],
	])('httpsUrl accepts %p as %p', (value, expected) => {
		expect(httpsUrl.parse(value)).toBe(expected);
	});

	it.each(['http://www.example.com', 'www.example.com', 'ftp://example.com', 'https://', ''])('httpsUrl refuses %p', (value) => {
		expect(httpsUrl.safeParse(value).success).toBe(false);
	});
});
