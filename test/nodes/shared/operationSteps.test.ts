/**
 * A throw inside one of an operation's own steps, run through n8n's engine: it is reported as
 * a fault of that step (which step, what happened), never as a transport failure whose
 * message would say Meta could not be reached or that a write's outcome is unknown.
 */
import type { INodePropertyOptions, INodeType, PostReceiveAction } from 'n8n-workflow';

import { loadPackage, runNode } from '../../harness/engine';
import { graphApi, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../harness/graphMock';

isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Adds a postReceive step that throws a plain TypeError to one operation, for one test. */
async function withThrowingStep(operation: string, run: () => Promise<void>) {
	const loader = await loadPackage();
	const description = (loader.getNode('whatsAppPhoneNumbers').type as INodeType).description;
	const option = (description.properties.find((property) => property.name === 'operation')!.options as INodePropertyOptions[]).find(
		({ value }) => value === operation,
	)!;
	const steps = option.routing!.output!.postReceive as PostReceiveAction[];
	const breaks: PostReceiveAction = async function breaksOnPurpose() {
		throw new TypeError(`Cannot read properties of undefined (reading 'status') near ${TEST_ACCESS_TOKEN}`);
	};
	steps.push(breaks);
	try {
		await run();
	} finally {
		steps.splice(steps.indexOf(breaks), 1);
	}
}

describe('operation steps: a postReceive step that throws', () => {
	it('on a read names the step and what happened, not the network, and keeps the token out', async () => {
		await withThrowingStep('get', async () => {
			const scope = graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query(true).reply(200, { id: PHONE_NUMBER_ID, status: 'CONNECTED' });

			const { items, error } = await runNode({
				type: 'whatsAppPhoneNumbers',
				parameters: { operation: 'get', phoneNumberId: byId(PHONE_NUMBER_ID) },
				credentials: testCredentials,
			});

			expect(scope.isDone()).toBe(true);
			expect(items).toEqual([]);
			expect(error?.message).toMatch(
				/^The node's step \d of \d reading Meta's answer \(breaksOnPurpose\) failed: Cannot read properties of undefined \(reading 'status'\) near \[redacted\]$/,
			);
			expect(error?.message).not.toMatch(/could not be reached|timed out/);
			expect(error?.description).toMatch(/^Meta answered the request with HTTP 200, so it was carried out/);
			expect(error?.description).toContain('This is a fault inside the node, not an answer from Meta or a network failure');
		});
	});

	it('on a write (Register) says the request was carried out, never that its outcome is unknown, and sends it once', async () => {
		await withThrowingStep('register', async () => {
			const scope = graphApi()
				.post(graphPath(`/${PHONE_NUMBER_ID}/register`), { messaging_product: 'whatsapp', pin: '482913' })
				.query({})
				.reply(200, { success: true });

			const { items, error } = await runNode({
				type: 'whatsAppPhoneNumbers',
				parameters: { operation: 'register', phoneNumberId: byId(PHONE_NUMBER_ID), pin: '482913' },
				credentials: testCredentials,
			});

			expect(scope.isDone()).toBe(true);
			expect(items).toEqual([]);
			expect(error?.message).toMatch(/^The node's step 2 of 2 reading Meta's answer \(breaksOnPurpose\) failed: Cannot read properties/);
			expect(error?.description).toMatch(/^Meta answered the request with HTTP 200, so it was carried out/);
			expect(`${error?.message} ${error?.description}`).not.toMatch(/may or may not|outcome is unknown|could not be reached/);
		});
	});
});
