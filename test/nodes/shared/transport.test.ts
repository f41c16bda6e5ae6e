import { runNode } from '../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../harness/graphMock';

isolateNetwork();

// The Get operation of the Phone Numbers node stands for any declarative operation:
// every one goes through the same runner.
const getNumber = {
	type: 'whatsAppPhoneNumbers',
	parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '106540352242922' } },
	credentials: testCredentials,
};

describe('Graph request runner', () => {
	it('retries a transient error and returns the answer of the second call', async () => {
		const scope = graphApi()
			.get(graphPath('/106540352242922'))
			.query(true)
			.reply(500, graphErrorBody(131000, 'Something went wrong', { is_transient: true }))
			.get(graphPath('/106540352242922'))
			.query(true)
			.reply(200, { id: '106540352242922', status: 'CONNECTED' });

		const { items, error } = await runNode(getNumber);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([{ id: '106540352242922', status: 'CONNECTED' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('does not wait out a long rate limit: one call, and the error says how long Meta asks to wait', async () => {
		graphApi()
			.get(graphPath('/106540352242922'))
			.query(true)
			.reply(400, graphErrorBody(80007, 'Rate limit hit for WABA'), {
				'X-Business-Use-Case-Usage': JSON.stringify({
					'102290129340398': [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 30 }],
				}),
			});

		const { error } = await runNode(getNumber);

		expect(error?.message).toBe('Meta is rate limiting these calls (Rate limit hit for WABA)');
		expect(error?.description).toContain('Meta asks to wait about 30 minutes before calling again');
		expect(error?.description).toContain('fbtrace_id AbCdEfGhIjK_fbtrace');
	});

	it('does not retry a non-transient error', async () => {
		graphApi()
			.get(graphPath('/106540352242922'))
			.query(true)
			.reply(400, graphErrorBody(100, 'Unsupported get request. Object with ID does not exist', { error_subcode: 33 }));

		const { error } = await runNode(getNumber);

		expect(error?.message).toBe(
			'Meta rejected a parameter of the request (Unsupported get request. Object with ID does not exist)',
		);
		expect(error?.description).toContain('Graph error 100, subcode 33');
	});

	it('keeps the token out of a network failure', async () => {
		graphApi()
			.get(graphPath('/106540352242922'))
			.query(true)
			.replyWithError(`connect ECONNRESET while sending Bearer ${TEST_ACCESS_TOKEN}`);

		const { run, error } = await runNode(getNumber);

		expect(error).toBeDefined();
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});
});
