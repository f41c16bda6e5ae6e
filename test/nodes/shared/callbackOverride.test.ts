import { appNotSubscribedAdvice, callbackUrl, optionalCallbackUrl, optionalVerifyToken, verifyToken } from '../../../nodes/shared/callbackOverride';
import { graphApiError } from '../../../nodes/shared/graphErrors';

const node = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

describe('callback overrides', () => {
	it('reads error 100 as "subscribe the app to the WABA first", but not an unknown ID (subcode 33) or another code', () => {
		expect(appNotSubscribedAdvice({ code: 100, message: '(#100) Invalid parameter' })?.action).toMatch(/^Subscribe the app to the WABA first/);
		expect(appNotSubscribedAdvice({ code: 100, error_subcode: 33 })).toBeUndefined();
		expect(appNotSubscribedAdvice({ code: 190 })).toBeUndefined();
	});

	it("lets an operation's reading of a code replace the general one in the error, keeping Meta's message and trace", () => {
		const error = graphApiError(node, { code: 100, message: '(#100) Invalid parameter', fbtrace_id: 'Trace1' }, { adviceFor: appNotSubscribedAdvice });
		expect(error.message).toBe("Meta refused the callback override; this usually means the app is not subscribed to the number's WABA yet ((#100) Invalid parameter)");
		expect(error.description).toMatch(/Graph error 100, fbtrace_id Trace1/);
		expect(graphApiError(node, { code: 100, message: 'x' }).message).toMatch(/^Meta rejected a parameter of the request/);
	});

	it('accepts https URLs up to 200 characters only', () => {
		expect(callbackUrl.parse('https://n8n.example.com/webhook/a')).toBe('https://n8n.example.com/webhook/a');
		expect(callbackUrl.safeParse(`https://n8n.example.com/${'a'.repeat(176)}`).success).toBe(true);
		expect(callbackUrl.safeParse(`https://n8n.example.com/${'a'.repeat(177)}`).success).toBe(false);
		expect(callbackUrl.safeParse('http://n8n.example.com/webhook/a').success).toBe(false);
		expect(optionalCallbackUrl.parse('  ')).toBe('');
		expect(optionalCallbackUrl.safeParse('http://n8n.example.com').success).toBe(false);
	});

	it('refuses verify tokens with spaces, and an empty one only where it is required', () => {
		expect(verifyToken.parse('tok?en-1')).toBe('tok?en-1');
		expect(verifyToken.safeParse('tok en').success).toBe(false);
		expect(verifyToken.safeParse('').success).toBe(false);
		expect(optionalVerifyToken.parse('')).toBe('');
		expect(optionalVerifyToken.safeParse('tok\ten').success).toBe(false);
	});
});
