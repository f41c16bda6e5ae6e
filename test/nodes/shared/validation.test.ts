import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	codeMethod,
	e164Digits,
	graphObjectId,
	languageCode,
	otpCode,
	parseField,
	sixDigitPin,
} from '../../../nodes/shared/validation';

const node = { name: 'WhatsApp Settings', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

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
});

describe('parseField', () => {
	it('names the field, the problem and the fix, and echoes a non-secret value', () => {
		const call = () =>
			parseField(node, { parameter: 'phoneNumber', label: 'Phone Number', schema: e164Digits }, '555');
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow('Phone Number must have 8 to 15 digits including the country code, such as +1 631 555 1234');
		try {
			call();
		} catch (error) {
			expect((error as NodeOperationError).description).toBe(
				'Received "555". Correct the "Phone Number" field and run the node again.',
			);
		}
	});

	it('never echoes a PIN or a one-time code', () => {
		for (const [parameter, schema, value] of [
			['pin', sixDigitPin, '98765'],
			['code', otpCode, '98a765'],
		] as const) {
			try {
				parseField(node, { parameter, label: parameter.toUpperCase(), schema }, value);
				throw new Error('expected a validation error');
			} catch (error) {
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(value);
			}
		}
	});

	it('says when a field is empty', () => {
		expect(() => parseField(node, { parameter: 'pin', label: 'PIN', schema: sixDigitPin }, '')).toThrow(
			'PIN must be exactly 6 digits, such as 123456',
		);
	});

	it('accepts numbers given by an expression as digit strings', () => {
		expect(parseField(node, { parameter: 'wabaId', label: 'WABA', schema: graphObjectId }, 102290129340398)).toBe(
			'102290129340398',
		);
	});
});
