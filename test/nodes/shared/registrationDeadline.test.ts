import {
	EMBEDDED_SIGNUP_REGISTRATION_DAYS,
	isRegistered,
	PRE_VERIFIED_CLAIM_REGISTRATION_DAYS,
	registrationDeadline,
	registrationDeadlineOfPhoneNumber,
} from '../../../nodes/shared/registrationDeadline';

const NOW = new Date('2026-03-10T12:00:00Z');

describe('registrationDeadline', () => {
	it('names the two windows apart: 90 days after a pre-verified claim, 14 after Embedded Signup', () => {
		expect(PRE_VERIFIED_CLAIM_REGISTRATION_DAYS).toBe(90);
		expect(EMBEDDED_SIGNUP_REGISTRATION_DAYS).toBe(14);
	});

	it('gives a claimed pre-verified number 90 days from the claim, with whole days left rounded down', () => {
		expect(registrationDeadline({ rule: 'preVerifiedClaim', onboardedAt: '2026-02-01T12:00:00+0000', status: 'PENDING' }, NOW)).toEqual({
			rule: 'preVerifiedClaim',
			windowDays: 90,
			onboardedAt: '2026-02-01T12:00:00.000Z',
			claimedAt: '2026-02-01T12:00:00.000Z',
			registerBy: '2026-05-02T12:00:00.000Z',
			daysUntilDeadline: 53,
			deadlinePassed: false,
			registered: false,
			summary: 'Register by 2026-05-02 (in 53 days), 90 days after it was claimed from the pre-verified pool on 2026-02-01.',
		});
	});

	it('gives an Embedded Signup number 14 days, and no claim time', () => {
		expect(registrationDeadline({ rule: 'embeddedSignup', onboardedAt: '2026-03-01T10:00:00+0000', status: 'PENDING' }, NOW)).toEqual({
			rule: 'embeddedSignup',
			windowDays: 14,
			onboardedAt: '2026-03-01T10:00:00.000Z',
			claimedAt: null,
			registerBy: '2026-03-15T10:00:00.000Z',
			daysUntilDeadline: 4,
			deadlinePassed: false,
			registered: false,
			summary: 'Register by 2026-03-15 (in 4 days), 14 days after Embedded Signup on 2026-03-01.',
		});
	});

	it('counts below zero once the deadline has passed, exactly at the end of the window, and says what follows', () => {
		const embedded = registrationDeadline({ rule: 'embeddedSignup', onboardedAt: '2026-02-24T12:00:00+0000', status: 'DISCONNECTED' }, NOW);
		expect(embedded).toMatchObject({ daysUntilDeadline: 0, deadlinePassed: true });
		expect(embedded.summary).toBe(
			'The 14-day registration deadline after Embedded Signup passed on 2026-03-10; the number must go through Embedded Signup again.',
		);
		const claimed = registrationDeadline({ rule: 'preVerifiedClaim', onboardedAt: '2025-11-01T12:00:00+0000', status: 'PENDING' }, NOW);
		expect(claimed).toMatchObject({ daysUntilDeadline: -39, deadlinePassed: true });
		expect(claimed.summary).toMatch(/may have reverted to unverified and need a new code\.$/);
	});

	it('says a registered number has no deadline left, and reads Unix seconds', () => {
		const registered = registrationDeadline({ rule: 'preVerifiedClaim', onboardedAt: 1772359200, status: 'FLAGGED' }, NOW);
		expect(registered).toMatchObject({ registered: true, registerBy: '2026-05-30T10:00:00.000Z' });
		expect(registered.summary).toBe(
			'Registered (status FLAGGED): the 90-day deadline after it was claimed from the pre-verified pool no longer applies.',
		);
	});

	it.each([
		['CONNECTED', true],
		['flagged', true],
		['RESTRICTED', true],
		['RATE_LIMITED', true],
		['PENDING', false],
		['DISCONNECTED', null],
		['SOMETHING_NEW', null],
		[undefined, null],
	])('reads status %p as registered: %p', (status, registered) => {
		expect(isRegistered(status)).toBe(registered);
	});

	it('says the deadline is unknown without an onboarding time, keeping the same shape', () => {
		expect(registrationDeadline({ rule: 'preVerifiedClaim', onboardedAt: 'soon' }, NOW)).toEqual({
			rule: 'preVerifiedClaim',
			windowDays: 90,
			onboardedAt: null,
			claimedAt: null,
			registerBy: null,
			daysUntilDeadline: null,
			deadlinePassed: null,
			registered: null,
			summary: 'Register within 90 days after it was claimed from the pre-verified pool; Graph gave no onboarding time, so the deadline is unknown.',
		});
	});
});

describe('registrationDeadlineOfPhoneNumber', () => {
	it.each([
		[true, 'preVerifiedClaim', 90],
		['true', 'preVerifiedClaim', 90],
		[false, 'embeddedSignup', 14],
		[undefined, 'embeddedSignup', 14],
	])('picks the rule from is_preverified_number %p', (isPreVerified, rule, windowDays) => {
		const deadline = registrationDeadlineOfPhoneNumber(
			{ status: 'PENDING', last_onboarded_time: '2026-03-01T10:00:00+0000', is_preverified_number: isPreVerified },
			NOW,
		);
		expect(deadline).toMatchObject({ rule, windowDays });
	});
});
