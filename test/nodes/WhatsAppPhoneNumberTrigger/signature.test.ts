import { handshakeChallenge } from '../../../nodes/WhatsAppPhoneNumberTrigger/handshake';
import { isSignedByMeta, secretsMatch } from '../../../nodes/WhatsAppPhoneNumberTrigger/signature';
import { TEST_APP_SECRET, testCredentials } from '../../harness/graphMock';
import { envelope, qualityFlagged, signatureOf } from './fixtures';

const body = Buffer.from(JSON.stringify(envelope('phone_number_quality_update', qualityFlagged)));

describe('isSignedByMeta', () => {
	it('accepts the HMAC-SHA256 of the raw bytes with the sha256= prefix', () => {
		expect(isSignedByMeta(body, signatureOf(body), TEST_APP_SECRET)).toBe(true);
	});

	it('refuses a signature made with another secret', () => {
		expect(isSignedByMeta(body, signatureOf(body, 'another-app-secret'), TEST_APP_SECRET)).toBe(false);
	});

	it('refuses a missing signature header, or several of them', () => {
		expect(isSignedByMeta(body, undefined, TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, '', TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, [signatureOf(body), signatureOf(body)], TEST_APP_SECRET)).toBe(false);
	});

	it('refuses the right digest without the sha256= prefix or with another prefix', () => {
		const digest = signatureOf(body).slice('sha256='.length);
		expect(isSignedByMeta(body, digest, TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, `sha1=${digest}`, TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, `SHA256=${digest}`, TEST_APP_SECRET)).toBe(false);
	});

	it('refuses a signature of the wrong length without throwing', () => {
		expect(isSignedByMeta(body, `${signatureOf(body)}00`, TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, signatureOf(body).slice(0, -2), TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(body, 'sha256=', TEST_APP_SECRET)).toBe(false);
	});

	it('refuses a body that was parsed and serialised again', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
		expect(isSignedByMeta(reserialised, signatureOf(body), TEST_APP_SECRET)).toBe(false);
		expect(isSignedByMeta(JSON.parse(body.toString()), signatureOf(body), TEST_APP_SECRET)).toBe(false);
	});

	it('refuses everything when there is no app secret or no raw body', () => {
		expect(isSignedByMeta(body, signatureOf(body, ''), '')).toBe(false);
		expect(isSignedByMeta(undefined, signatureOf(body), TEST_APP_SECRET)).toBe(false);
	});

	it('accepts a non-ASCII body only byte for byte', () => {
		const unicode = Buffer.from('{"object":"whatsapp_business_account","entry":[],"name":"Café ☕"}');
		expect(isSignedByMeta(unicode, signatureOf(unicode), TEST_APP_SECRET)).toBe(true);
		const escaped = Buffer.from(JSON.stringify(JSON.parse(unicode.toString())).replace('é', '\\u00e9'));
		expect(isSignedByMeta(escaped, signatureOf(unicode), TEST_APP_SECRET)).toBe(false);
	});
});

describe('secretsMatch', () => {
	it('matches equal secrets and nothing else, and never an empty expected secret', () => {
		expect(secretsMatch('token-1', 'token-1')).toBe(true);
		expect(secretsMatch('token-2', 'token-1')).toBe(false);
		expect(secretsMatch('token-1-longer', 'token-1')).toBe(false);
		expect(secretsMatch('', '')).toBe(false);
		expect(secretsMatch(undefined, 'token-1')).toBe(false);
	});
});

describe('handshakeChallenge', () => {
	const token = testCredentials.webhookVerifyToken;

	it('returns the challenge for hub.mode=subscribe and the right verify token', () => {
		expect(
			handshakeChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' }, token),
		).toBe('1158201444');
	});

	it('refuses a wrong or missing verify token', () => {
		expect(
			handshakeChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1158201444' }, token),
		).toBeUndefined();
		expect(handshakeChallenge({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' }, token)).toBeUndefined();
	});

	it('refuses another hub.mode, or no challenge', () => {
		expect(
			handshakeChallenge({ 'hub.mode': 'unsubscribe', 'hub.verify_token': token, 'hub.challenge': '1158201444' }, token),
		).toBeUndefined();
		expect(handshakeChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': token }, token)).toBeUndefined();
	});

	it('refuses everything when the credential has no verify token', () => {
		expect(handshakeChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }, '')).toBeUndefined();
	});
});
