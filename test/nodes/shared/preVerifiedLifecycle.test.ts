import {
	computePreVerifiedLifecycle,
	dueForReverification,
	lifecycleOfPreVerifiedNumber,
} from '../../../nodes/shared/preVerifiedLifecycle';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');

function daysFromNow(days: number): Date {
	return new Date(NOW.getTime() + days * DAY_MS);
}

/** Graph's own format: `2026-03-01T12:00:00+0000`. */
function graphTime(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function verifiedNumber(verifiedDaysAgo: number, expiresInDays = 90 - verifiedDaysAgo) {
	return {
		codeVerificationStatus: 'VERIFIED',
		codeVerificationTime: graphTime(daysFromNow(-verifiedDaysAgo)),
		verificationExpiryTime: graphTime(daysFromNow(expiresInDays)),
	};
}

describe('computePreVerifiedLifecycle', () => {
	it('reads Graph +0000 times, and a number verified today is verified for 90 days with the window 45 days out', () => {
		const verifiedThisMorning = new Date(NOW.getTime() - 3 * 3_600_000);
		const lifecycle = computePreVerifiedLifecycle(
			{
				codeVerificationStatus: 'VERIFIED',
				codeVerificationTime: graphTime(verifiedThisMorning),
				verificationExpiryTime: graphTime(new Date(verifiedThisMorning.getTime() + 90 * DAY_MS)),
			},
			NOW,
		);

		expect(lifecycle).toEqual({
			state: 'verified',
			isVerified: true,
			verifiedAt: '2026-03-01T09:00:00.000Z',
			expiresAt: '2026-05-30T09:00:00.000Z',
			reverifyWindowOpensAt: '2026-04-15T09:00:00.000Z',
			daysUntilExpiry: 89,
			canReverifyNow: false,
			poolRemovalAt: null,
			summary:
				'Verified; verification expires on 2026-05-30 (in 89 days), and re-verification opens on 2026-04-15 (in 44 days).',
		});
	});

	it('takes the time-zone offset of a Graph time into account (+0200 is two hours earlier in UTC)', () => {
		const lifecycle = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', verificationExpiryTime: '2026-04-15T14:00:00+0200' },
			NOW,
		);

		expect(lifecycle.expiresAt).toBe('2026-04-15T12:00:00.000Z');
		expect(lifecycle.reverifyWindowOpensAt).toBe('2026-03-01T12:00:00.000Z');
	});

	it('opens the re-verification window exactly 45 days before expiry, not a second earlier', () => {
		const atBoundary = computePreVerifiedLifecycle(verifiedNumber(45, 45), NOW);
		expect(atBoundary.state).toBe('re-verification window open');
		expect(atBoundary.canReverifyNow).toBe(true);
		expect(atBoundary.daysUntilExpiry).toBe(45);
		expect(atBoundary.reverifyWindowOpensAt).toBe(NOW.toISOString());

		const oneSecondBefore = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', verificationExpiryTime: new Date(NOW.getTime() + 45 * DAY_MS + 1000).toISOString() },
			NOW,
		);
		expect(oneSecondBefore.state).toBe('verified');
		expect(oneSecondBefore.canReverifyNow).toBe(false);
	});

	it('lapses exactly at the expiry even while Graph still reports VERIFIED', () => {
		const lifecycle = computePreVerifiedLifecycle(verifiedNumber(90, 0), NOW);

		expect(lifecycle.state).toBe('lapsed');
		expect(lifecycle.isVerified).toBe(false);
		expect(lifecycle.canReverifyNow).toBe(true);
		expect(lifecycle.daysUntilExpiry).toBe(0);
	});

	it('derives the expiry 90 days after verification when Graph omits verification_expiry_time', () => {
		const atNinetyDays = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', codeVerificationTime: graphTime(daysFromNow(-90)) },
			NOW,
		);
		expect(atNinetyDays.expiresAt).toBe(NOW.toISOString());
		expect(atNinetyDays.state).toBe('lapsed');

		const atEightyNineDays = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', codeVerificationTime: graphTime(daysFromNow(-89)) },
			NOW,
		);
		expect(atEightyNineDays.state).toBe('re-verification window open');
		expect(atEightyNineDays.daysUntilExpiry).toBe(1);
	});

	it('calls a number that Graph reports NOT_VERIFIED or EXPIRED after a past verification lapsed', () => {
		for (const status of ['NOT_VERIFIED', 'EXPIRED', 'UNVERIFIED']) {
			const lifecycle = computePreVerifiedLifecycle(
				{
					codeVerificationStatus: status,
					codeVerificationTime: '2025-11-01T08:00:00+0000',
					verificationExpiryTime: '2026-01-30T08:00:00+0000',
				},
				NOW,
			);
			expect(lifecycle.state).toBe('lapsed');
			expect(lifecycle.daysUntilExpiry).toBe(-31);
			expect(lifecycle.summary).toMatch(/^Verification lapsed on 2026-01-30/);
		}
	});

	it('says the pool-removal date is unknown for a never-verified number with no creation time', () => {
		const lifecycle = computePreVerifiedLifecycle({ codeVerificationStatus: 'NOT_VERIFIED' }, NOW);

		expect(lifecycle).toMatchObject({
			state: 'awaiting verification',
			isVerified: false,
			verifiedAt: null,
			expiresAt: null,
			reverifyWindowOpensAt: null,
			daysUntilExpiry: null,
			canReverifyNow: true,
			poolRemovalAt: null,
		});
		expect(lifecycle.summary).toMatch(/removal date is unknown/);
	});

	it('puts the pool removal of a never-verified number 90 days after it was added, reached exactly at 90 days', () => {
		const addedRecently = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'NOT_VERIFIED', addedAt: graphTime(daysFromNow(-10)) },
			NOW,
		);
		expect(addedRecently.poolRemovalAt).toBe(daysFromNow(80).toISOString());
		expect(addedRecently.summary).toBe(
			'Never verified; it will be removed from the pool on 2026-05-20 (in 80 days) unless verified.',
		);

		const addedNinetyDaysAgo = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'NOT_VERIFIED', addedAt: graphTime(daysFromNow(-90)) },
			NOW,
		);
		expect(addedNinetyDaysAgo.poolRemovalAt).toBe(NOW.toISOString());
		expect(addedNinetyDaysAgo.summary).toMatch(/was due to be removed from the pool on 2026-03-01 \(today\)/);
	});

	it('reports a VERIFIED number without any times as verified with an unknown expiry', () => {
		const lifecycle = computePreVerifiedLifecycle({ codeVerificationStatus: 'VERIFIED' }, NOW);

		expect(lifecycle).toMatchObject({ state: 'verified', isVerified: true, expiresAt: null, canReverifyNow: false });
		expect(lifecycle.summary).toMatch(/expiry is unknown/);
	});

	it('infers the state from the times when Graph returns no status, and says unknown when there is nothing', () => {
		expect(computePreVerifiedLifecycle({ verificationExpiryTime: graphTime(daysFromNow(60)) }, NOW).state).toBe(
			'verified',
		);
		expect(computePreVerifiedLifecycle({ verificationExpiryTime: graphTime(daysFromNow(-1)) }, NOW).state).toBe(
			'lapsed',
		);
		const nothing = computePreVerifiedLifecycle({}, NOW);
		expect(nothing.state).toBe('unknown');
		expect(nothing.canReverifyNow).toBe(false);
	});

	it('ignores unreadable times instead of failing', () => {
		const lifecycle = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', codeVerificationTime: 'yesterday', verificationExpiryTime: 'soon' },
			NOW,
		);
		expect(lifecycle.state).toBe('verified');
		expect(lifecycle.expiresAt).toBeNull();
	});

	it('reads Unix-seconds times too', () => {
		const expiry = daysFromNow(30);
		const lifecycle = computePreVerifiedLifecycle(
			{ codeVerificationStatus: 'VERIFIED', verificationExpiryTime: Math.floor(expiry.getTime() / 1000) },
			NOW,
		);
		expect(lifecycle.expiresAt).toBe(expiry.toISOString());
		expect(lifecycle.state).toBe('re-verification window open');
	});
});

describe('lifecycleOfPreVerifiedNumber', () => {
	it('reads the Graph field names of a pre-verified number', () => {
		const lifecycle = lifecycleOfPreVerifiedNumber(
			{
				id: '106540352242922',
				phone_number: '15550783881',
				code_verification_status: 'VERIFIED',
				code_verification_time: '2026-01-20T10:00:00+0000',
				verification_expiry_time: '2026-04-20T10:00:00+0000',
			},
			NOW,
		);
		expect(lifecycle).toMatchObject({
			state: 'verified',
			verifiedAt: '2026-01-20T10:00:00.000Z',
			expiresAt: '2026-04-20T10:00:00.000Z',
			reverifyWindowOpensAt: '2026-03-06T10:00:00.000Z',
		});
	});
});

describe('dueForReverification', () => {
	it('is due with the window open, lapsed, or never verified, and not while merely verified', () => {
		const due = (times: Parameters<typeof computePreVerifiedLifecycle>[0], lookAhead = 0) =>
			dueForReverification(computePreVerifiedLifecycle(times, NOW), NOW, lookAhead)?.reason;

		expect(due(verifiedNumber(50))).toBe('reverification window open');
		expect(due(verifiedNumber(95))).toBe('lapsed');
		expect(due({ codeVerificationStatus: 'NOT_VERIFIED' })).toBe('never verified');
		expect(due(verifiedNumber(10))).toBeUndefined();
		expect(due({})).toBeUndefined();
	});

	it('includes numbers whose window opens within the look-ahead, inclusive', () => {
		const windowOpensInSevenDays = verifiedNumber(38);
		const lifecycle = computePreVerifiedLifecycle(windowOpensInSevenDays, NOW);

		expect(dueForReverification(lifecycle, NOW, 6)).toBeUndefined();
		expect(dueForReverification(lifecycle, NOW, 7)).toEqual({
			reason: 'reverification window opens soon',
			explanation:
				'Within the 7-day look-ahead: Verified; verification expires on 2026-04-22 (in 52 days), and re-verification opens on 2026-03-08 (in 7 days).',
		});
	});
});
