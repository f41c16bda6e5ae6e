/**
 * When a business phone number must be registered. Meta gives two windows, counted from
 * the moment the number came onto its WABA (`last_onboarded_time`):
 * - a number claimed from a pre-verified pool (`is_preverified_number`): 90 days, or it
 *   reverts to unverified and needs a new code;
 * - a number onboarded through Embedded Signup: 14 days, or Embedded Signup again.
 * Every output that shows a deadline uses `RegistrationDeadline`.
 */
import type { IDataObject } from 'n8n-workflow';

import { addDays, daysUntil, inDays, isoDay, parseGraphTime } from './graphTime';

/** Meta: register a number claimed from a pre-verified pool within 90 days of the claim. */
export const PRE_VERIFIED_CLAIM_REGISTRATION_DAYS = 90;
/** Meta: register a number onboarded through Embedded Signup within 14 days. */
export const EMBEDDED_SIGNUP_REGISTRATION_DAYS = 14;

export type RegistrationRule = 'preVerifiedClaim' | 'embeddedSignup';

const RULES: Record<RegistrationRule, { windowDays: number; since: string; missed: string }> = {
	preVerifiedClaim: {
		windowDays: PRE_VERIFIED_CLAIM_REGISTRATION_DAYS,
		since: 'it was claimed from the pre-verified pool',
		missed: 'the number may have reverted to unverified and need a new code',
	},
	embeddedSignup: {
		windowDays: EMBEDDED_SIGNUP_REGISTRATION_DAYS,
		since: 'Embedded Signup',
		missed: 'the number must go through Embedded Signup again',
	},
};

/** The registration deadline of one number; dates are ISO strings, null when Graph gave no onboarding time. */
export interface RegistrationDeadline {
	/** Which of Meta's two windows applies. */
	rule: RegistrationRule;
	windowDays: number;
	/** When the number came onto its WABA (`last_onboarded_time`). */
	onboardedAt: string | null;
	/** The same time for a claimed pre-verified number; null for Embedded Signup. */
	claimedAt: string | null;
	registerBy: string | null;
	/** Whole days left, negative once the deadline has passed. */
	daysUntilDeadline: number | null;
	deadlinePassed: boolean | null;
	/** Whether the number is registered (CONNECTED, FLAGGED…) or not yet (PENDING); null when the status does not say. */
	registered: boolean | null;
	summary: string;
}

export interface RegistrationFacts {
	rule: RegistrationRule;
	onboardedAt: unknown;
	status?: unknown;
}

/** Statuses of a registered number, whatever its quality or limits; PENDING is a number not registered yet. */
const REGISTERED_STATUSES: ReadonlySet<string> = new Set(['CONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED']);

/** Whether a number is registered; null for no status or one that does not say (DISCONNECTED, a new one). */
export function isRegistered(status: unknown): boolean | null {
	if (typeof status !== 'string' || status === '') return null;
	const upper = status.toUpperCase();
	if (REGISTERED_STATUSES.has(upper)) return true;
	return upper === 'PENDING' ? false : null;
}

export function registrationDeadline({ rule, onboardedAt: onboardedAtValue, status }: RegistrationFacts, now: Date): RegistrationDeadline {
	const { windowDays, since, missed } = RULES[rule];
	const onboardedAt = parseGraphTime(onboardedAtValue);
	const registered = isRegistered(status);
	const claimedAt = rule === 'preVerifiedClaim' ? (onboardedAt?.toISOString() ?? null) : null;
	if (!onboardedAt) {
		return {
			rule,
			windowDays,
			onboardedAt: null,
			claimedAt,
			registerBy: null,
			daysUntilDeadline: null,
			deadlinePassed: null,
			registered,
			summary: `Register within ${windowDays} days after ${since}; Graph gave no onboarding time, so the deadline is unknown.`,
		};
	}
	const registerBy = addDays(onboardedAt, windowDays);
	const daysLeft = daysUntil(registerBy, now);
	const passed = now >= registerBy;
	let summary: string;
	if (registered) summary = `Registered (status ${String(status)}): the ${windowDays}-day deadline after ${since} no longer applies.`;
	else if (passed) summary = `The ${windowDays}-day registration deadline after ${since} passed on ${isoDay(registerBy)}; ${missed}.`;
	else summary = `Register by ${isoDay(registerBy)} (${inDays(daysLeft)}), ${windowDays} days after ${since} on ${isoDay(onboardedAt)}.`;
	return {
		rule,
		windowDays,
		onboardedAt: onboardedAt.toISOString(),
		claimedAt,
		registerBy: registerBy.toISOString(),
		daysUntilDeadline: daysLeft,
		deadlinePassed: passed,
		registered,
		summary,
	};
}

/** A business phone number as Graph returns it: the pre-verified flag picks the rule. */
export function registrationDeadlineOfPhoneNumber(phoneNumber: IDataObject, now: Date): RegistrationDeadline {
	return registrationDeadline(
		{
			rule: String(phoneNumber.is_preverified_number).toLowerCase() === 'true' ? 'preVerifiedClaim' : 'embeddedSignup',
			onboardedAt: phoneNumber.last_onboarded_time,
			status: phoneNumber.status,
		},
		now,
	);
}
