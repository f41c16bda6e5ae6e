import { graphErrorCode, type GraphError } from './graphErrors';

/** What a gateway or proxy in front of Graph answers when Graph is briefly unreachable. */
const RETRYABLE_HTTP_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** Connection failures after which the same request may well succeed. */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);

/**
 * Whether an operation may be sent again after a failure whose outcome is unknown:
 * a read, a write that repeating cannot change (setting a value, deleting), or a write
 * that must happen at most once (register, verify a code…).
 */
export type RepeatSafety = 'read' | 'idempotentWrite' | 'oneShotWrite';

/** Why a request failed, as far as retrying is concerned. */
export type Failure =
	| { kind: 'graph'; graphError: GraphError; usageHeader?: unknown }
	/** An answer that is not Graph's: a proxy page, an empty or non-JSON body. */
	| { kind: 'notGraph'; httpStatus: number }
	| { kind: 'timeout'; timeoutMs: number }
	| { kind: 'network'; code?: string };

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
	| { retry: false; reason: 'not transient' | 'one-shot write' | 'attempts exhausted' }
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

/** Whether the same request may succeed a moment later. */
function isTransient(failure: Failure): boolean {
	switch (failure.kind) {
		case 'graph': {
			const { is_transient, code } = failure.graphError;
			return is_transient === true || graphErrorCode(code)?.retryable === true;
		}
		case 'notGraph':
			return RETRYABLE_HTTP_STATUSES.has(failure.httpStatus);
		case 'timeout':
			return true;
		case 'network':
			return failure.code !== undefined && RETRYABLE_NETWORK_CODES.has(failure.code);
	}
}

export interface RetryContext {
	failure: Failure;
	/** Zero for the first failure. */
	attempt: number;
	repeat: RepeatSafety;
	policy?: RetryPolicy;
}

/** Whether and when to retry a failed request. Pure, so it is tested on its own. */
export function decideRetry({ failure, attempt, repeat, policy = DEFAULT_RETRY_POLICY }: RetryContext): RetryDecision {
	if (!isTransient(failure)) return { retry: false, reason: 'not transient' };
	if (repeat === 'oneShotWrite') return { retry: false, reason: 'one-shot write' };
	if (attempt >= policy.maxRetries) return { retry: false, reason: 'attempts exhausted' };

	const regainMinutes = failure.kind === 'graph' ? regainAccessMinutes(failure.usageHeader) : undefined;
	const delayMs = regainMinutes !== undefined ? regainMinutes * 60_000 : policy.baseDelayMs * 2 ** attempt;
	if (delayMs > policy.maxWaitMs) return { retry: false, reason: 'wait too long', waitMs: delayMs };
	return { retry: true, delayMs };
}

/**
 * A sentence for the error description saying what the node did before giving up.
 * `oneShotBecause` says why the operation is never repeated.
 */
export function explainGiveUp(
	decision: RetryDecision,
	attempts: number,
	{ now = new Date(), oneShotBecause }: { now?: Date; oneShotBecause?: string } = {},
): string | undefined {
	if (decision.retry) return undefined;
	switch (decision.reason) {
		case 'attempts exhausted':
			return `The node tried ${attempts} times with increasing pauses.`;
		case 'wait too long': {
			const until = new Date(now.getTime() + decision.waitMs).toISOString();
			return `Meta asks to wait about ${Math.ceil(decision.waitMs / 60_000)} minutes (until about ${until}) before calling again, which is longer than the node waits; run it again after that.`;
		}
		case 'one-shot write':
			return `The request was sent once and not repeated${oneShotBecause ? `: ${oneShotBecause}` : ''}.`;
		default:
			return undefined;
	}
}
