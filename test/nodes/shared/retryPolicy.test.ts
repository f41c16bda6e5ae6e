import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	explainGiveUp,
	regainAccessMinutes,
	type Failure,
} from '../../../nodes/shared/retryPolicy';
import { graphErrorCode } from '../../../nodes/shared/graphErrors';

const graph = (code: number, extra: object = {}): Failure => ({ kind: 'graph', graphError: { code, ...extra } });

describe('retry policy', () => {
	it.each([1, 2, 4, 17, 341, 80007, 130429, 131000, 133004])('retries code %p with exponential backoff', (code) => {
		expect(graphErrorCode(code)?.retryable).toBe(true);
		expect(decideRetry({ failure: graph(code), attempt: 0, repeat: 'read' })).toEqual({ retry: true, delayMs: 1_000 });
		expect(decideRetry({ failure: graph(code), attempt: 2, repeat: 'read' })).toEqual({ retry: true, delayMs: 4_000 });
	});

	it('retries any error Meta marks is_transient', () => {
		expect(decideRetry({ failure: graph(999, { is_transient: true }), attempt: 1, repeat: 'read' })).toEqual({
			retry: true,
			delayMs: 2_000,
		});
	});

	it.each([100, 190, 133005, 133016, 136025, 200])('never retries the non-transient code %p', (code) => {
		expect(decideRetry({ failure: graph(code), attempt: 0, repeat: 'read' })).toEqual({
			retry: false,
			reason: 'not transient',
		});
	});

	it.each<[string, Failure]>([
		['a timeout', { kind: 'timeout', timeoutMs: 30_000 }],
		['a connection reset', { kind: 'network', code: 'ECONNRESET' }],
		['a proxy 502', { kind: 'notGraph', httpStatus: 502 }],
		['a proxy 503', { kind: 'notGraph', httpStatus: 503 }],
		['a gateway timeout 504', { kind: 'notGraph', httpStatus: 504 }],
	])('retries a read and an idempotent write after %s', (_case, failure) => {
		expect(decideRetry({ failure, attempt: 0, repeat: 'read' })).toEqual({ retry: true, delayMs: 1_000 });
		expect(decideRetry({ failure, attempt: 0, repeat: 'idempotentWrite' })).toEqual({ retry: true, delayMs: 1_000 });
	});

	it.each<[string, Failure]>([
		['a refused connection', { kind: 'network', code: 'ECONNREFUSED' }],
		['an HTML page with status 200', { kind: 'notGraph', httpStatus: 200 }],
		['a proxy 500 without a Graph error', { kind: 'notGraph', httpStatus: 500 }],
	])('does not retry %s', (_case, failure) => {
		expect(decideRetry({ failure, attempt: 0, repeat: 'read' })).toEqual({ retry: false, reason: 'not transient' });
	});

	it('never repeats a one-shot write, whatever the transient failure', () => {
		for (const failure of [graph(131000), { kind: 'timeout', timeoutMs: 1 } as Failure, { kind: 'notGraph', httpStatus: 503 } as Failure]) {
			expect(decideRetry({ failure, attempt: 0, repeat: 'oneShotWrite' })).toEqual({ retry: false, reason: 'one-shot write' });
		}
	});

	it('stops after the configured number of retries', () => {
		expect(decideRetry({ failure: graph(2), attempt: DEFAULT_RETRY_POLICY.maxRetries, repeat: 'read' })).toEqual({
			retry: false,
			reason: 'attempts exhausted',
		});
	});

	it("waits Meta's estimated_time_to_regain_access when it is short enough", () => {
		const usageHeader = JSON.stringify({
			'102290129340398': [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 1 }],
		});
		expect(decideRetry({ failure: { kind: 'graph', graphError: { code: 80007 }, usageHeader }, attempt: 0, repeat: 'read' })).toEqual({
			retry: true,
			delayMs: 60_000,
		});
	});

	it('gives up when Meta asks for longer than the node waits, saying until when', () => {
		const usageHeader = JSON.stringify({ '1': [{ estimated_time_to_regain_access: 45 }] });
		const decision = decideRetry({ failure: { kind: 'graph', graphError: { code: 4 }, usageHeader }, attempt: 0, repeat: 'read' });
		expect(decision).toEqual({ retry: false, reason: 'wait too long', waitMs: 2_700_000 });
		expect(explainGiveUp(decision, 1, { now: new Date('2026-11-30T10:00:00Z') })).toBe(
			'Meta asks to wait about 45 minutes (until about 2026-11-30T10:45:00.000Z) before calling again, which is longer than the node waits; run it again after that.',
		);
	});

	it('says a one-shot write was sent once, and why', () => {
		expect(explainGiveUp({ retry: false, reason: 'one-shot write' }, 1, { oneShotBecause: 'it counts against a limit' })).toBe(
			'The request was sent once and not repeated: it counts against a limit.',
		);
		expect(explainGiveUp({ retry: false, reason: 'not transient' }, 1)).toBeUndefined();
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
});
