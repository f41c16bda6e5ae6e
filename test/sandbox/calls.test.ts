import * as fs from 'node:fs';

import { DEFAULT_FIXTURE } from '../../dev/sandbox/server';
import { generateFixture } from '../../dev/sandbox/fixtures/generate';
import { CLAIMED_PENDING_NUMBER_ID, CLIENT_WABA_ID, OWNED_WABA_ID, graphError, useSandbox } from './helpers';

describe('Graph sandbox: call counting, rate limits, reset', () => {
	const { graph, dev, sandbox } = useSandbox();

	it('counts Graph calls per endpoint pattern, not development calls, and resets the counts', async () => {
		await graph(`/${OWNED_WABA_ID}/phone_numbers?limit=2`);
		await graph(`/${CLIENT_WABA_ID}/phone_numbers`);
		await graph('/106540352242922?fields=status');
		await graph(`/${CLAIMED_PENDING_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: '123456' } });
		await graph('/me', { token: 'wrong' });
		await dev('/clock');

		const counts = await dev('/calls');
		expect(counts.body).toEqual({
			total: 5,
			endpoints: {
				'GET /{waba}/phone_numbers': 2,
				'GET /{phone_number}': 1,
				'POST /{phone_number}/register': 1,
				'GET /me': 1,
			},
		});
		expect(sandbox.counts).toEqual(counts.body);
		const withLog = await dev('/calls?log=1');
		expect(withLog.body.log[4]).toMatchObject({ method: 'GET', path: '/v24.0/me', pattern: 'GET /me', status: 400 });

		expect((await dev('/calls/reset', {})).body).toEqual({ success: true });
		expect(sandbox.counts).toEqual({ total: 0, endpoints: {} });
	});

	it('always sends a plausible X-Business-Use-Case-Usage header', async () => {
		const response = await graph(`/${CLIENT_WABA_ID}/phone_numbers`);
		const usage = JSON.parse(response.headers.get('x-business-use-case-usage') ?? '{}');
		expect(usage).toEqual({
			[CLIENT_WABA_ID]: [
				{ type: 'whatsapp_business_management', call_count: 1, total_cputime: expect.any(Number), total_time: expect.any(Number), estimated_time_to_regain_access: 0 },
			],
		});
		expect(JSON.parse((await graph('/me')).headers.get('x-business-use-case-usage') ?? '{}')).toHaveProperty(['506914307656634']);
	});

	it('answers 80007 with estimated_time_to_regain_access once a WABA spends its hourly budget, and recovers an hour later', async () => {
		const fixture = JSON.parse(fs.readFileSync(DEFAULT_FIXTURE, 'utf8'));
		fixture.wabas[1].sandbox.callsPerHour = 5;
		sandbox.reset(fixture);
		for (let call = 0; call < 3; call++) expect((await graph(`/${CLIENT_WABA_ID}/phone_numbers`)).status).toBe(200);
		sandbox.advance({ minutes: 20 });
		// Calls on the WABA's numbers spend the same budget.
		expect((await graph('/1906385232743451')).status).toBe(200);
		expect((await graph(`/${CLIENT_WABA_ID}`)).status).toBe(200);

		const limited = await graph(`/${CLIENT_WABA_ID}/phone_numbers`);
		expect(graphError(limited)).toMatchObject({ code: 80007, is_transient: true });
		const usage = JSON.parse(limited.headers.get('x-business-use-case-usage') ?? '{}');
		expect(usage[CLIENT_WABA_ID][0]).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 40 });
		// Another WABA is unaffected.
		expect((await graph(`/${OWNED_WABA_ID}/phone_numbers`)).status).toBe(200);

		sandbox.advance({ minutes: 41 });
		expect((await graph(`/${CLIENT_WABA_ID}/phone_numbers`)).status).toBe(200);
	});

	it('reloads the fixture on POST /__sandbox/reset, clock included', async () => {
		await graph(`/${CLAIMED_PENDING_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: '123456' } });
		await dev('/clock', { advanceDays: 50 });
		expect((await dev('/reset', {})).body).toMatchObject({ success: true, now: expect.stringMatching(/^2026-03-01T12:00/) });
		expect((await graph(`/${CLAIMED_PENDING_NUMBER_ID}?fields=status`)).body.status).toBe('PENDING');
		expect(sandbox.counts.total).toBe(1);
	});

	it('loads another fixture through POST /__sandbox/reset {fixture}', async () => {
		await dev('/reset', { fixture: generateFixture({ phoneNumbers: 3, preVerified: 2, dueForReverification: 1 }) });
		expect((await graph('/200000000000001/phone_numbers?fields=id')).body.data).toHaveLength(3);
	});

	it('shows its index and state on development endpoints', async () => {
		const index = await dev('');
		expect(index.body.credentials).toEqual(sandbox.credentials);
		expect(index.body.endpoints.map((endpoint: { path: string }) => endpoint.path)).toContain('/__sandbox/codes/<ID>');
		const state = await dev('/state');
		expect(state.body.phoneNumbers.find((phone: { id: string }) => phone.id === '106540352242922').sandbox.pin).toBe('147258');
		expect((await dev('/nothing')).status).toBe(404);
	});
});

describe('generateFixture', () => {
	it('makes exactly the asked numbers, with the due ones inside the re-verification window', () => {
		const fixture = generateFixture({ phoneNumbers: 1000, preVerified: 1000, dueForReverification: 100, expired: 10, notVerified: 5 });
		expect(fixture.phoneNumbers).toHaveLength(1000);
		expect(new Set(fixture.phoneNumbers.map((phone: { id: string }) => phone.id)).size).toBe(1000);
		expect(fixture.preVerifiedNumbers).toHaveLength(1000);
		const daysAgo = (entry: { code_verification_time?: string }) => Number(/now-(\d+)d/.exec(entry.code_verification_time ?? '')?.[1] ?? NaN);
		const due = fixture.preVerifiedNumbers.filter((entry: { code_verification_time?: string }) => daysAgo(entry) >= 46 && daysAgo(entry) < 90);
		expect(due).toHaveLength(100);
		expect(fixture.preVerifiedNumbers.filter((entry: { code_verification_time?: string }) => daysAgo(entry) > 90)).toHaveLength(10);
		expect(fixture.preVerifiedNumbers.filter((entry: { code_verification_time?: string }) => !entry.code_verification_time)).toHaveLength(5);
	});
});
