import { createHash, createHmac, timingSafeEqual } from 'crypto';

const SIGNATURE_PREFIX = 'sha256=';

/**
 * Whether `X-Hub-Signature-256` is Meta's HMAC-SHA256 of the raw request bytes keyed
 * with the app secret. Only the bytes as received can match: a body parsed and
 * serialised again differs in spacing and escapes. Never throws: anything unexpected
 * counts as a bad signature.
 */
export function isSignedByMeta(rawBody: unknown, signatureHeader: unknown, appSecret: string): boolean {
	try {
		if (!appSecret) return false;
		if (!Buffer.isBuffer(rawBody) && typeof rawBody !== 'string') return false;
		if (typeof signatureHeader !== 'string' || !signatureHeader.startsWith(SIGNATURE_PREFIX)) return false;

		const expectedDigest = createHmac('sha256', appSecret).update(rawBody).digest('hex');
		const expected = Buffer.from(`${SIGNATURE_PREFIX}${expectedDigest}`, 'utf8');
		const received = Buffer.from(signatureHeader, 'utf8');
		// timingSafeEqual throws on buffers of different lengths.
		return expected.length === received.length && timingSafeEqual(expected, received);
	} catch {
		return false;
	}
}

/**
 * Compares two secrets in constant time. Both are hashed first, so neither the content
 * nor the length of the expected secret leaks through timing. An empty expected secret
 * never matches.
 */
export function secretsMatch(received: unknown, expected: string): boolean {
	if (!expected || typeof received !== 'string') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(received), digest(expected));
}
