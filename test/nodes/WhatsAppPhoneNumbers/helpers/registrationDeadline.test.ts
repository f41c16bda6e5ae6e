import { registrationDeadlineOf } from '../../../../nodes/WhatsAppPhoneNumbers/helpers/registrationDeadline';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('registrationDeadlineOf', () => {
	it('is 14 days after onboarding, with whole days left rounded down', () => {
		expect(
			registrationDeadlineOf({ status: 'PENDING', last_onboarded_time: '2026-03-01T10:00:00+0000' }, NOW),
		).toEqual({ registrationDeadline: '2026-03-15T10:00:00.000Z', registrationDaysLeft: 4 });
	});

	it('counts below zero once the deadline has passed', () => {
		expect(
			registrationDeadlineOf({ status: 'DISCONNECTED', last_onboarded_time: '2026-02-20T12:00:00+0000' }, NOW),
		).toEqual({ registrationDeadline: '2026-03-06T12:00:00.000Z', registrationDaysLeft: -4 });
	});

	it('reads onboarding times given as Unix seconds', () => {
		expect(registrationDeadlineOf({ status: 'PENDING', last_onboarded_time: 1772359200 }, NOW)?.registrationDeadline).toBe(
			'2026-03-15T10:00:00.000Z',
		);
	});

	it.each([
		['a connected number', { status: 'CONNECTED', last_onboarded_time: '2026-03-01T10:00:00+0000' }],
		['a connected number in lower case', { status: 'connected', last_onboarded_time: '2026-03-01T10:00:00+0000' }],
		['a number never onboarded', { status: 'PENDING' }],
		['an unreadable onboarding time', { status: 'PENDING', last_onboarded_time: 'soon' }],
		['a number whose status was not asked for', { last_onboarded_time: '2026-03-01T10:00:00+0000' }],
	])('is absent for %s', (_case, phoneNumber) => {
		expect(registrationDeadlineOf(phoneNumber, NOW)).toBeUndefined();
	});
});
