import nock from 'nock';
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { graphApiError } from '../../../nodes/shared/graphErrors';
import { withGraphRetries } from '../../../nodes/shared/transport';
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

	it('reports an unreachable Graph API as a NodeApiError without the token', async () => {
		// A real refused connection: nothing listens on port 9 of the loopback address.
		nock.enableNetConnect('127.0.0.1:9');
		const { run, error } = await runNode({ ...getNumber, credentials: { ...testCredentials, baseUrl: 'http://127.0.0.1:9' } });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/refused|connect/i);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});
});

describe('withGraphRetries', () => {
	const node = { name: 'WhatsApp Phone Numbers', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

	it('removes secrets from a failure that is not a Graph error', async () => {
		const failure = new Error(`socket hang up while sending Bearer ${TEST_ACCESS_TOKEN} and pin 246810`);
		const call = async () => {
			throw failure;
		};

		const error = await withGraphRetries(node, call, {
			isRegistrationCall: false,
			secrets: [TEST_ACCESS_TOKEN, '246810'],
		}).catch((thrown: unknown) => thrown as NodeApiError);

		expect(error).toBeInstanceOf(NodeApiError);
		const shown = JSON.stringify({ message: error.message, messages: error.messages, description: error.description, stack: error.stack });
		expect(shown).toContain('[redacted]');
		expect(shown).not.toContain(TEST_ACCESS_TOKEN);
		expect(shown).not.toContain('246810');
	});

	it('retries a transient Graph error thrown by the call, then returns its answer', async () => {
		let calls = 0;
		const transient = graphApiError(node, { code: 2, message: 'Service temporarily unavailable', is_transient: true });
		const answer = await withGraphRetries(
			node,
			async () => {
				calls++;
				if (calls === 1) throw transient;
				return 'second answer';
			},
			{ isRegistrationCall: false, secrets: [], policy: { maxRetries: 3, baseDelayMs: 1, maxWaitMs: 1_000 } },
		);
		expect(answer).toBe('second answer');
		expect(calls).toBe(2);
	});

	it('makes exactly one call for a register request, even on a transient error', async () => {
		let calls = 0;
		const transient = graphApiError(node, { code: 131000, message: 'Something went wrong' });
		const error = await withGraphRetries(
			node,
			async () => {
				calls++;
				throw transient;
			},
			{ isRegistrationCall: true, secrets: [], policy: { maxRetries: 3, baseDelayMs: 1, maxWaitMs: 1_000 } },
		).catch((thrown: unknown) => thrown as NodeApiError);
		expect(calls).toBe(1);
		expect(error.description).toContain('never retried automatically');
	});
});
