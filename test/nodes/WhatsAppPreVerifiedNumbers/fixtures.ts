/** Shared values for the Pre-Verified Numbers node tests. */
import nock from 'nock';

export const NODE_TYPE = 'whatsAppPreVerifiedNumbers';

export const BUSINESS_ID = '506914307656634';
export const PRE_VERIFIED_ID = '106540352242922';
export const PARTNER_BUSINESS_ID = '777888999000111';
export const WABA_ID = '102290129340398';

/** The fields every pool listing and Get ask for, so the lifecycle costs no extra call. */
export const POOL_FIELDS = 'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time';

const DAY_MS = 86_400_000;

/** A resource-locator value entered "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * A Graph time (`2026-03-01T12:00:00+0000`) this many days from the real clock: the node
 * reads the real clock, so fixtures are built around it, away from day boundaries.
 */
export function graphTimeInDays(days: number): string {
	return new Date(Date.now() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** A verified pool number, verified `verifiedDaysAgo` days ago (expiry 90 days after). */
export function verifiedPoolNumber(id: string, phoneNumber: string, verifiedDaysAgo: number) {
	return {
		id,
		phone_number: phoneNumber,
		code_verification_status: 'VERIFIED',
		code_verification_time: graphTimeInDays(-verifiedDaysAgo),
		verification_expiry_time: graphTimeInDays(90 - verifiedDaysAgo),
	};
}

/** A pool number added but never verified: Graph gives no verification times. */
export function neverVerifiedPoolNumber(id: string, phoneNumber: string) {
	return { id, phone_number: phoneNumber, code_verification_status: 'NOT_VERIFIED' };
}

/** A pool number whose verification lapsed `lapsedDaysAgo` days ago. */
export function lapsedPoolNumber(id: string, phoneNumber: string, lapsedDaysAgo: number) {
	return {
		id,
		phone_number: phoneNumber,
		code_verification_status: 'NOT_VERIFIED',
		code_verification_time: graphTimeInDays(-90 - lapsedDaysAgo),
		verification_expiry_time: graphTimeInDays(-lapsedDaysAgo),
	};
}

/** The ISO form the node outputs for a Graph time. */
export function isoOf(graphTime: string): string {
	return new Date(graphTime.replace(/\+0000$/, 'Z')).toISOString();
}

/** Matches a POST or DELETE that carries no body: these endpoints take only query parameters. */
export function noBody(body: unknown): boolean {
	return body === '' || body === undefined;
}

/**
 * Collects requests that no interceptor matched during a test: with net connect disabled
 * they fail anyway, this makes "no request was sent" an explicit assertion.
 */
export function recordUnexpectedRequests(): string[] {
	const unexpected: string[] = [];
	const record = (request: { method?: string; path?: string; href?: string }) =>
		unexpected.push(`${request.method ?? ''} ${request.href ?? request.path ?? ''}`);
	beforeEach(() => {
		unexpected.length = 0;
		nock.emitter.on('no match', record);
	});
	afterEach(() => {
		nock.emitter.removeListener('no match', record);
	});
	return unexpected;
}
