import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { adviceForCode, graphApiError, graphErrorIn, redactSecrets, sentences } from '../../../nodes/shared/graphErrors';

const node = { name: 'WhatsApp Phone Numbers', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

// Every code of the error table in shared/whatsapp-api-notes.md, with a word its advice must contain.
const TABLE: Array<[number, RegExp]> = [
	[0, /token/],
	[190, /token/],
	[3, /permission/],
	[10, /permission/],
	[200, /permission/],
	[299, /permission/],
	[4, /rate limit/],
	[80007, /rate limit/],
	[130429, /throughput/],
	[100, /parameter/],
	[131009, /parameter/],
	[131000, /temporary/],
	[133004, /temporary/],
	[1, /temporary/],
	[2, /temporary/],
	[131031, /locked/],
	[368, /locked/],
	[131045, /certificate/],
	[133005, /PIN does not match/],
	[133006, /verified before/],
	[133008, /PIN attempts/],
	[133009, /PIN attempts/],
	[133010, /not registered/],
	[133015, /deleted recently/],
	[133016, /10 register\/deregister calls in 72 hours/],
	[136024, /could not send a one-time code/],
	[136025, /wrong or has expired/],
	[137000, /identity key/],
	[138015, /messaging limit of at least 2,000/],
	[200000, /cannot be added/],
];

describe('Graph error map', () => {
	it.each(TABLE)('code %p has a message and an action', (code, wording) => {
		const advice = adviceForCode(code);
		expect(advice?.message).toMatch(wording);
		expect(advice?.action.length).toBeGreaterThan(20);
	});

	it('gives no advice for unknown codes', () => {
		expect(adviceForCode(987654)).toBeUndefined();
		expect(adviceForCode(undefined)).toBeUndefined();
	});

	it('tells when a number blocked by 133016 can register again (72 hours on)', () => {
		const advice = adviceForCode(133016, new Date('2026-11-21T10:00:00.000Z'));
		expect(advice?.action).toContain('Try again after 2026-11-24T10:00:00.000Z');
		expect(advice?.action).toContain('never retries');
	});

	it('builds a NodeApiError that keeps code, subcode, user message and fbtrace_id visible', () => {
		const error = graphApiError(
			node,
			{
				message: '(#133005) Two step verification PIN Mismatch',
				type: 'OAuthException',
				code: 133005,
				error_subcode: 2388001,
				error_user_msg: 'The PIN you entered is not correct.',
				error_data: { details: 'PIN mismatch' },
				fbtrace_id: 'AXyz123',
			},
			{ httpStatus: 400 },
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(
			"The PIN does not match the number's two-step verification PIN (The PIN you entered is not correct.)",
		);
		expect(error.description).toContain('set a new one with the WhatsApp Settings node');
		expect(error.description).toContain('Details: PIN mismatch.');
		expect(error.description).toContain('Graph error 133005, subcode 2388001, fbtrace_id AXyz123.');
		expect(error.description).toContain('Meta: (#133005) Two step verification PIN Mismatch');
		expect(error.httpCode).toBe('400');
		expect(error.context.graphError).toMatchObject({ code: 133005, fbtrace_id: 'AXyz123' });
	});

	it('ends each sentence with one full stop, even when Meta\'s details end with their own', () => {
		const error = graphApiError(node, {
			message: 'Rate limit',
			code: 133016,
			error_data: { details: 'Try again later.' },
			fbtrace_id: 'T2',
		});
		expect(error.description).toContain('Details: Try again later. Graph error 133016, fbtrace_id T2.');
		expect(error.description).not.toContain('..');
	});

	it('gives transient errors advice that does not claim a retry happened', () => {
		const error = graphApiError(node, { message: 'Something went wrong', code: 131000 });
		expect(error.description).toBe('Run the node again in a few minutes. Graph error 131000.');
	});

	it("shows Meta's own message for unknown codes", () => {
		const error = graphApiError(node, { message: 'Something new went wrong', code: 424242, fbtrace_id: 'T1' });
		expect(error.message).toBe('Graph API error: Something new went wrong');
		expect(error.description).toContain('Graph error 424242, fbtrace_id T1.');
	});

	it('removes secrets from everything the error carries', () => {
		const secrets = ['EAAGsecretToken123', '654321', 'app-secret-xyz'];
		const error = graphApiError(
			node,
			{
				message: 'Token EAAGsecretToken123 invalid; pin 654321 wrong',
				code: 190,
				error_data: { details: 'secret app-secret-xyz' },
				fbtrace_id: 'F1',
			},
			{ secrets },
		);
		const everything = JSON.stringify({ ...error, message: error.message, description: error.description });
		for (const secret of secrets) expect(everything).not.toContain(secret);
		expect(error.message).toContain('[redacted]');
	});
});

describe('redactSecrets', () => {
	it('replaces secrets in nested strings and leaves other values alone', () => {
		expect(
			redactSecrets({ a: 'x TOKEN1234 y', b: ['TOKEN1234'], c: 5, d: null }, ['TOKEN1234', undefined]),
		).toEqual({ a: 'x [redacted] y', b: ['[redacted]'], c: 5, d: null });
	});

	it('ignores empty and very short secrets, which would shred ordinary text', () => {
		expect(redactSecrets('abc', ['', 'a'])).toBe('abc');
	});
});

describe('graphErrorIn', () => {
	it('joins texts into sentences, skipping empty ones', () => {
		expect(sentences('Check the PIN', undefined, 'Done!', '  ', 'Graph error 1.')).toBe('Check the PIN. Done! Graph error 1.');
	});

	it('reads the error envelope and nothing else', () => {
		expect(graphErrorIn({ error: { code: 100 } })).toEqual({ code: 100 });
		expect(graphErrorIn({ data: [] })).toBeUndefined();
		expect(graphErrorIn('oops')).toBeUndefined();
	});
});
