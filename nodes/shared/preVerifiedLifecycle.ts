import { addDays, daysUntil, inDays, isoDay, parseGraphTime } from './graphTime';

/** A verified, unclaimed pre-verified number reverts to unverified this long after verification. */
export const VERIFICATION_VALID_DAYS = 90;
/** Re-verification is allowed only in the last 45 days before `verification_expiry_time`. */
export const REVERIFY_WINDOW_DAYS = 45;
/** A number added to the pool but never verified is dropped from the pool after 90 days. */
export const UNVERIFIED_POOL_DAYS = 90;

export type PreVerifiedState =
	| 'awaiting verification'
	| 'verified'
	| 're-verification window open'
	| 'lapsed'
	| 'unknown';

/** The API's times and status of a pre-verified number, as Graph returns them. */
export interface PreVerifiedTimes {
	codeVerificationStatus?: unknown;
	codeVerificationTime?: unknown;
	verificationExpiryTime?: unknown;
	/** When the number was added to the pool, if known (Graph does not document such a field). */
	addedAt?: unknown;
}

/** Where a pre-verified number stands, computed from its times; dates are ISO strings. */
export type PreVerifiedLifecycle = {
	state: PreVerifiedState;
	/** Whether the number is verified right now (Graph's status alone can lag behind the expiry). */
	isVerified: boolean;
	verifiedAt: string | null;
	expiresAt: string | null;
	reverifyWindowOpensAt: string | null;
	daysUntilExpiry: number | null;
	/** Whether a code can be requested and verified now (never verified, lapsed, or in the window). */
	canReverifyNow: boolean;
	/** For a never-verified number: when it leaves the pool, null when that cannot be known. */
	poolRemovalAt: string | null;
	/** The same, in words. */
	summary: string;
};

type StatusReading = 'verified' | 'not verified' | 'absent';

function readStatus(status: unknown): StatusReading {
	if (status === undefined || status === null || status === '') return 'absent';
	// NOT_VERIFIED, UNVERIFIED, EXPIRED and any value Meta adds later count as not verified.
	return String(status).toUpperCase() === 'VERIFIED' ? 'verified' : 'not verified';
}

/**
 * The lifecycle of a pre-verified number at `now`: verification expiry, the 45-day
 * re-verification window, lapse, and the 90-day pool removal of never-verified numbers.
 */
export function computePreVerifiedLifecycle(times: PreVerifiedTimes, now: Date): PreVerifiedLifecycle {
	const verifiedAt = parseGraphTime(times.codeVerificationTime);
	// Graph gives the expiry; when it does not, Meta's rule (90 days after verification) does.
	const expiresAt =
		parseGraphTime(times.verificationExpiryTime) ?? (verifiedAt && addDays(verifiedAt, VERIFICATION_VALID_DAYS));
	const reverifyWindowOpensAt = expiresAt && addDays(expiresAt, -REVERIFY_WINDOW_DAYS);
	const addedAt = parseGraphTime(times.addedAt);

	let status = readStatus(times.codeVerificationStatus);
	// Without a status, an expiry still in the future is the best evidence of verification.
	if (status === 'absent' && expiresAt) status = expiresAt > now ? 'verified' : 'not verified';

	const known = {
		verifiedAt: verifiedAt?.toISOString() ?? null,
		expiresAt: expiresAt?.toISOString() ?? null,
		reverifyWindowOpensAt: reverifyWindowOpensAt?.toISOString() ?? null,
		daysUntilExpiry: expiresAt ? daysUntil(expiresAt, now) : null,
	};

	if (status === 'absent') {
		return {
			state: 'unknown',
			...known,
			isVerified: false,
			canReverifyNow: false,
			poolRemovalAt: null,
			summary: 'Graph returned neither a verification status nor verification times for this number.',
		};
	}

	if (status === 'verified' && !expiresAt) {
		return {
			state: 'verified',
			...known,
			isVerified: true,
			canReverifyNow: false,
			poolRemovalAt: null,
			summary: 'Verified; the expiry is unknown because Graph returned no verification times.',
		};
	}

	if (status === 'verified' && expiresAt && reverifyWindowOpensAt && expiresAt > now) {
		const windowOpen = now >= reverifyWindowOpensAt;
		const expiry = `verification expires on ${isoDay(expiresAt)} (${inDays(daysUntil(expiresAt, now))})`;
		return {
			state: windowOpen ? 're-verification window open' : 'verified',
			...known,
			isVerified: true,
			canReverifyNow: windowOpen,
			poolRemovalAt: null,
			summary: windowOpen
				? `Verified, and re-verification is allowed now: ${expiry}.`
				: `Verified; ${expiry}, and re-verification opens on ${isoDay(reverifyWindowOpensAt)} (${inDays(daysUntil(reverifyWindowOpensAt, now))}).`,
		};
	}

	if (expiresAt || verifiedAt) {
		const since = expiresAt ? ` on ${isoDay(expiresAt)}` : '';
		return {
			state: 'lapsed',
			...known,
			isVerified: false,
			canReverifyNow: true,
			poolRemovalAt: null,
			summary: `Verification lapsed${since}; a client who picks it in Embedded Signup would have to ask for a code. Request and verify a new code.`,
		};
	}

	const poolRemovalAt = addedAt && addDays(addedAt, UNVERIFIED_POOL_DAYS);
	return {
		state: 'awaiting verification',
		...known,
		isVerified: false,
		canReverifyNow: true,
		poolRemovalAt: poolRemovalAt?.toISOString() ?? null,
		summary: poolRemovalAt
			? `Never verified; it ${poolRemovalAt > now ? 'will be' : 'was due to be'} removed from the pool on ${isoDay(poolRemovalAt)} (${inDays(daysUntil(poolRemovalAt, now))}) unless verified.`
			: 'Never verified; it is removed from the pool 90 days after it was added, and Graph does not say when that was, so the removal date is unknown.',
	};
}

/** The lifecycle of a pre-verified number object as Graph returns it. */
export function lifecycleOfPreVerifiedNumber(number: Record<string, unknown>, now: Date): PreVerifiedLifecycle {
	return computePreVerifiedLifecycle(
		{
			codeVerificationStatus: number.code_verification_status,
			codeVerificationTime: number.code_verification_time,
			verificationExpiryTime: number.verification_expiry_time,
			addedAt: number.creation_time,
		},
		now,
	);
}

export type DueReason = 'reverification window open' | 'lapsed' | 'never verified' | 'reverification window opens soon';

export type DueForReverification = {
	reason: DueReason;
	/** Why, in words, with the dates. */
	explanation: string;
};

/**
 * Whether a scheduled re-verification run should act on this number now, and why.
 * `lookAheadDays` also includes numbers whose window opens within that many days.
 */
export function dueForReverification(
	lifecycle: PreVerifiedLifecycle,
	now: Date,
	lookAheadDays = 0,
): DueForReverification | undefined {
	switch (lifecycle.state) {
		case 're-verification window open':
			return { reason: 'reverification window open', explanation: lifecycle.summary };
		case 'lapsed':
			return { reason: 'lapsed', explanation: lifecycle.summary };
		case 'awaiting verification':
			return { reason: 'never verified', explanation: lifecycle.summary };
		case 'verified': {
			const opensAt = parseGraphTime(lifecycle.reverifyWindowOpensAt);
			if (!opensAt || lookAheadDays <= 0 || opensAt > addDays(now, lookAheadDays)) return undefined;
			return {
				reason: 'reverification window opens soon',
				explanation: `Within the ${lookAheadDays}-day look-ahead: ${lifecycle.summary}`,
			};
		}
		default:
			return undefined;
	}
}
