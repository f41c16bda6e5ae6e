import { phoneNumberAsWritten } from '../../../nodes/shared/phoneNumberText';

describe('phoneNumberAsWritten', () => {
	it('writes a North American number as Meta displays it', () => {
		expect(phoneNumberAsWritten('12115555105')).toBe('+1 211-555-5105');
		expect(phoneNumberAsWritten('16315551234')).toBe('+1 631-555-1234');
	});

	it('sets apart country codes of one, two and three digits', () => {
		expect(phoneNumberAsWritten('79161234567')).toBe('+7 9161234567');
		expect(phoneNumberAsWritten('447700900123')).toBe('+44 7700900123');
		expect(phoneNumberAsWritten('5511987654321')).toBe('+55 11987654321');
		expect(phoneNumberAsWritten('971501234567')).toBe('+971 501234567');
		expect(phoneNumberAsWritten('6281234567890')).toBe('+62 81234567890');
	});

	it('leaves anything that is not 8 to 15 digits as it is', () => {
		expect(phoneNumberAsWritten('8')).toBe('8');
		expect(phoneNumberAsWritten('1234567')).toBe('1234567');
		expect(phoneNumberAsWritten('+1 211-555-5105')).toBe('+1 211-555-5105');
		expect(phoneNumberAsWritten('1234567890123456')).toBe('1234567890123456');
	});
});
