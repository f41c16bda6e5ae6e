import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { graphApiError } from '../../../nodes/shared/graphErrors';
import { withGraphRetries } from '../../../nodes/shared/transport';
import { TEST_ACCESS_TOKEN } from '../../harness/graphMock';

const node = { name: 'WhatsApp Phone Numbers', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const fast = { maxRetries: 3, baseDelayMs: 1, maxWaitMs: 1_000 };

/** A Graph error as the runner raises it: mapped, with its failure for the retry policy. */
function transientGraphError(code = 131000) {
	const error = graphApiError(node, { code, message: 'Something went wrong', is_transient: true });
	error.context.failure = { kind: 'graph', graphError: { code, is_transient: true } };
	return error;
}

describe('withGraphRetries', () => {
	it('turns a failure that is not an n8n error into a NodeApiError without retrying it', async () => {
		let calls = 0;
		const error = await withGraphRetries(
			node,
			async () => {
				calls++;
				throw new Error(`unexpected ${TEST_ACCESS_TOKEN.length}`);
			},
			{ repeat: 'read', policy: fast },
		).catch((thrown: unknown) => thrown as NodeApiError);

		expect(calls).toBe(1);
		expect(error).toBeInstanceOf(NodeApiError);
	});

	it('retries a transient Graph error of a read, then returns its answer', async () => {
		let calls = 0;
		const answer = await withGraphRetries(
			node,
			async () => {
				calls++;
				if (calls === 1) throw transientGraphError();
				return 'second answer';
			},
			{ repeat: 'read', policy: fast },
		);
		expect(answer).toBe('second answer');
		expect(calls).toBe(2);
	});

	it('makes exactly one call for a one-shot write, even on a transient error, and says why', async () => {
		let calls = 0;
		const error = await withGraphRetries(
			node,
			async () => {
				calls++;
				throw transientGraphError();
			},
			{ repeat: 'oneShotWrite', oneShotBecause: 'each call counts against a limit', policy: fast },
		).catch((thrown: unknown) => thrown as NodeApiError);
		expect(calls).toBe(1);
		expect(error.description).toContain('The request was sent once and not repeated: each call counts against a limit.');
		expect(error.description).not.toMatch(/retried/);
	});

	it('says how often it tried once the retries are used up', async () => {
		let calls = 0;
		const error = await withGraphRetries(
			node,
			async () => {
				calls++;
				throw transientGraphError(2);
			},
			{ repeat: 'idempotentWrite', policy: fast },
		).catch((thrown: unknown) => thrown as NodeApiError);
		expect(calls).toBe(4);
		expect(error.description).toContain('The node tried 4 times with increasing pauses.');
	});

	it('lets a repeated attempt turn its failure into an answer, but never the first attempt', async () => {
		let calls = 0;
		const answer = await withGraphRetries(
			node,
			async () => {
				calls++;
				throw transientGraphError();
			},
			{ repeat: 'idempotentWrite', policy: fast },
			() => 'already done',
		);
		expect(answer).toBe('already done');
		expect(calls).toBe(2);
	});
});
