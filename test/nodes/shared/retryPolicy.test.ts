import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	explainGiveUp,
	isRegistrationUrl,
	regainAccessMinutes,
	RETRYABLE_CODES,
} from '../../../nodes/shared/retryPolicy';

describe('retry policy', () => {
	it.each([1, 2, 4, 17, 341, 80007, 130429, 131000, 133004])('retries code %p with exponential backoff', (code) => {
		expect(RETRYABLE_CODES.has(code)).toBe(true);
		expect(decideRetry({ graphError: { code }, attempt: 0, isRegistrationCall: false })).toEqual({
			retry: true,
			delayMs: 1_000,
		});
		expect(decideRetry({ graphError: { code }, attempt: 2, isRegistrationCall: false })).toEqual({
			retry: true,
			delayMs: 4_000,
		});
	});

	it('retries any error Meta marks is_transient', () => {
		expect(decideRetry({ graphError: { code: 999, is_transient: true }, attempt: 1, isRegistrationCall: false })).toEqual({
			retry: true,
			delayMs: 2_000,
		});
	});

	it.each([100, 190, 133005, 133016, 136025, 200])('never retries the non-transient code %p', (code) => {
		expect(decideRetry({ graphError: { code }, attempt: 0, isRegistrationCall: false })).toEqual({
			retry: false,
			reason: 'not transient',
		});
	});

	it('never retries register or deregister, even on a transient error', () => {
		expect(decideRetry({ graphError: { code: 131000 }, attempt: 0, isRegistrationCall: true })).toEqual({
			retry: false,
			reason: 'registration call',
		});
	});

	it('stops after the configured number of retries', () => {
		expect(
			decideRetry({ graphError: { code: 2 }, attempt: DEFAULT_RETRY_POLICY.maxRetries, isRegistrationCall: false }),
		).toEqual({ retry: false, reason: 'attempts exhausted' });
	});

	it("waits Meta's estimated_time_to_regain_access when it is short enough", () => {
		const usageHeader = JSON.stringify({
			'102290129340398': [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 1 }],
		});
		expect(decideRetry({ graphError: { code: 80007 }, attempt: 0, isRegistrationCall: false, usageHeader })).toEqual({
			retry: true,
			delayMs: 60_000,
		});
	});

	it('gives up with the wait in the message when Meta asks for longer than the node waits', () => {
		const usageHeader = JSON.stringify({ '1': [{ estimated_time_to_regain_access: 45 }] });
		const decision = decideRetry({ graphError: { code: 4 }, attempt: 0, isRegistrationCall: false, usageHeader });
		expect(decision).toEqual({ retry: false, reason: 'wait too long', waitMs: 2_700_000 });
		expect(explainGiveUp(decision, 1)).toBe(
			'Meta asks to wait about 45 minutes before calling again, which is longer than the node waits; run it again after that.',
		);
	});

	it('reads the largest regain time across businesses, and ignores broken headers', () => {
		expect(
			regainAccessMinutes(
				JSON.stringify({ a: [{ estimated_time_to_regain_access: 0 }], b: [{ estimated_time_to_regain_access: 7 }] }),
			),
		).toBe(7);
		expect(regainAccessMinutes('not json')).toBeUndefined();
		expect(regainAccessMinutes(undefined)).toBeUndefined();
		expect(regainAccessMinutes(JSON.stringify({ a: [{ call_count: 10 }] }))).toBeUndefined();
	});

	it('recognises register and deregister URLs only', () => {
		expect(isRegistrationUrl('/106540352242922/register')).toBe(true);
		expect(isRegistrationUrl('/106540352242922/deregister?x=1')).toBe(true);
		expect(isRegistrationUrl('/106540352242922/request_code')).toBe(false);
		expect(isRegistrationUrl('/register_something/phone_numbers')).toBe(false);
		expect(isRegistrationUrl(undefined)).toBe(false);
	});
});
