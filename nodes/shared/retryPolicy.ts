import type { GraphError } from './graphErrors';

/** Codes Meta documents as transient or rate limiting: worth another try after a pause. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([1, 2, 4, 17, 341, 80007, 130429, 131000, 133004]);

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** First backoff; doubles on each retry. */
	baseDelayMs: number;
	/** A wait longer than this is not slept through: the node gives up and says when to retry. */
	maxWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1_000, maxWaitMs: 60_000 };

export type RetryDecision =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'not transient' | 'registration call' | 'attempts exhausted' }
	| { retry: false; reason: 'wait too long'; waitMs: number };

/**
 * Minutes until Meta lets the app call again, from `X-Business-Use-Case-Usage`
 * (`{"<business id>": [{"estimated_time_to_regain_access": 5, ...}]}`). The largest wins.
 */
export function regainAccessMinutes(usageHeader: unknown): number | undefined {
	if (typeof usageHeader !== 'string' || usageHeader === '') return undefined;
	let usage: unknown;
	try {
		usage = JSON.parse(usageHeader);
	} catch {
		return undefined;
	}
	if (!usage || typeof usage !== 'object') return undefined;
	const minutes = Object.values(usage as Record<string, unknown>)
		.flatMap((entries) => (Array.isArray(entries) ? entries : [entries]))
		.map((entry) => Number((entry as { estimated_time_to_regain_access?: unknown })?.estimated_time_to_regain_access))
		.filter((value) => Number.isFinite(value) && value > 0);
	return minutes.length ? Math.max(...minutes) : undefined;
}

export interface RetryContext {
	graphError: GraphError;
	/** Zero for the first failure. */
	attempt: number;
	/** Register and deregister count against a 10-per-72-hours limit: never repeat them. */
	isRegistrationCall: boolean;
	usageHeader?: unknown;
	policy?: RetryPolicy;
}

/** Whether and when to retry a failed Graph call. Pure, so it is tested on its own. */
export function decideRetry({
	graphError,
	attempt,
	isRegistrationCall,
	usageHeader,
	policy = DEFAULT_RETRY_POLICY,
}: RetryContext): RetryDecision {
	const transient =
		graphError.is_transient === true || (graphError.code !== undefined && RETRYABLE_CODES.has(graphError.code));
	if (!transient) return { retry: false, reason: 'not transient' };
	if (isRegistrationCall) return { retry: false, reason: 'registration call' };
	if (attempt >= policy.maxRetries) return { retry: false, reason: 'attempts exhausted' };

	const regainMinutes = regainAccessMinutes(usageHeader);
	const delayMs =
		regainMinutes !== undefined ? regainMinutes * 60_000 : policy.baseDelayMs * 2 ** attempt;
	if (delayMs > policy.maxWaitMs) return { retry: false, reason: 'wait too long', waitMs: delayMs };
	return { retry: true, delayMs };
}

/** A sentence for the error description saying why the node stopped retrying. */
export function explainGiveUp(decision: RetryDecision, attempts: number): string | undefined {
	if (decision.retry) return undefined;
	switch (decision.reason) {
		case 'attempts exhausted':
			return `The node tried ${attempts} times with increasing pauses.`;
		case 'wait too long':
			return `Meta asks to wait about ${Math.ceil(decision.waitMs / 60_000)} minutes before calling again, which is longer than the node waits; run it again after that.`;
		case 'registration call':
			return 'Register and deregister calls are never retried automatically, because each one counts against the limit of 10 per 72 hours.';
		default:
			return undefined;
	}
}

const REGISTRATION_PATH = /\/(register|deregister)\/?$/;

/** Register/deregister calls, which the retry policy must never repeat. */
export function isRegistrationUrl(url: string | undefined): boolean {
	return !!url && REGISTRATION_PATH.test(url.split('?')[0]);
}
