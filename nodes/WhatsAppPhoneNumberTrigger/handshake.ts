import type { IDataObject } from 'n8n-workflow';

import { secretsMatch } from './signature';

/**
 * Meta's verification request: `hub.mode=subscribe`, the verify token chosen in the
 * credential, and a challenge to echo. Returns the challenge to answer with, or
 * undefined when the request must be refused.
 */
export function handshakeChallenge(query: IDataObject, verifyToken: string): string | undefined {
	const mode = query['hub.mode'];
	const token = query['hub.verify_token'];
	const challenge = query['hub.challenge'];
	if (mode !== 'subscribe') return undefined;
	if (typeof challenge !== 'string' || challenge === '') return undefined;
	return secretsMatch(token, verifyToken) ? challenge : undefined;
}
