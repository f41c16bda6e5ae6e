'use strict';
/**
 * Business usernames in a real n8n: a workflow that sets a username on one number, reads it
 * back, moves it to a second number of the same portfolio with the explicit transfer, and
 * reads both numbers again, run as the editor runs it against the Graph sandbox. A claim
 * without the transfer is refused with Meta's 147005, explained.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { CREDENTIAL_TYPE } = require('../../dev/n8n/lib/setup');
const { nodeOutput, nodeError } = require('../../dev/n8n/lib/n8n');

const FIRST_NUMBER_ID = '106540352242922';
const SECOND_NUMBER_ID = '106850078877666';
const WABA_ID = '102290129340398';
const NODE_TYPE = 'n8n-nodes-whatsapp-phone-numbers.whatsAppPhoneNumbers';

let stack;

beforeAll(async () => {
	stack = await startStack({ only: [] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

/** A Phone Numbers node on one number, chained after the previous node. */
function phoneNumbersNode(name, index, phoneNumberId, parameters) {
	return {
		id: `a27a0000-0000-4000-8000-00000000000${index}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [220 * index, 0],
		parameters: {
			wabaId: { __rl: true, mode: 'id', value: WABA_ID },
			phoneNumberId: { __rl: true, mode: 'id', value: phoneNumberId },
			...parameters,
		},
		credentials: { [CREDENTIAL_TYPE]: { id: String(stack.credential.id), name: stack.credential.name } },
	};
}

function chain(name, nodes) {
	const connections = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	const trigger = { id: 'a27a0000-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	connections.Start = { main: [[{ node: nodes[0].name, type: 'main', index: 0 }]] };
	return { name, nodes: [trigger, ...nodes], connections, settings: { executionOrder: 'v1' } };
}

async function run(workflow) {
	const created = await stack.client.createWorkflow(workflow);
	const executionId = await stack.client.runWorkflow(created.id, 'Start');
	return await stack.client.waitForExecution(executionId);
}

test('set a username, read it back, move it to another number only with the transfer, and read both numbers', async () => {
	const { sandbox } = stack;
	sandbox.resetCounts();

	const execution = await run(
		chain('Usernames: set and read', [
			phoneNumbersNode('Set the username', 1, FIRST_NUMBER_ID, { operation: 'setUsername', username: '@acme.support' }),
			phoneNumbersNode('Read it back', 2, FIRST_NUMBER_ID, { operation: 'getUsername' }),
			phoneNumbersNode('Move it to the second number', 3, SECOND_NUMBER_ID, { operation: 'setUsername', username: 'acme.support', transferFromOtherNumber: true }),
			phoneNumbersNode('Read the second number', 4, SECOND_NUMBER_ID, { operation: 'getUsername' }),
			phoneNumbersNode('Read the first number again', 5, FIRST_NUMBER_ID, { operation: 'getUsername' }),
		]),
	);

	expect(Object.keys(execution.data.resultData.runData).filter((name) => nodeError(execution, name))).toEqual([]);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'Set the username')).toEqual([{ username: 'acme.support', status: 'reserved', transferRequested: false, phoneNumberId: FIRST_NUMBER_ID }]);
	expect(nodeOutput(execution, 'Read it back')).toEqual([{ username: 'acme.support', status: 'reserved', hasUsername: true, phoneNumberId: FIRST_NUMBER_ID }]);
	expect(nodeOutput(execution, 'Move it to the second number')).toEqual([{ username: 'acme.support', status: 'reserved', transferRequested: true, phoneNumberId: SECOND_NUMBER_ID }]);
	expect(nodeOutput(execution, 'Read the second number')).toEqual([{ username: 'acme.support', status: 'reserved', hasUsername: true, phoneNumberId: SECOND_NUMBER_ID }]);
	expect(nodeOutput(execution, 'Read the first number again')).toEqual([{ hasUsername: false, phoneNumberId: FIRST_NUMBER_ID }]);

	// What Meta received: the username without the @, the transfer only on the second claim.
	const state = sandbox.state.phoneNumbers;
	expect(state.find((phone) => phone.id === SECOND_NUMBER_ID).sandbox.username).toEqual({ username: 'acme.support', status: 'reserved' });
	expect(state.find((phone) => phone.id === FIRST_NUMBER_ID).sandbox.username).toBeUndefined();
	expect(sandbox.counts.endpoints).toEqual({ 'POST /{phone_number}/username': 2, 'GET /{phone_number}/username': 3 });
	expect(JSON.stringify(execution)).not.toContain(sandbox.credentials.accessToken);
});

test('a claim of a username another number holds, without the transfer, is refused once and explained', async () => {
	const { sandbox } = stack;
	sandbox.resetCounts();

	const execution = await run(
		chain('Usernames: refused without transfer', [
			phoneNumbersNode('Claim without transfer', 1, FIRST_NUMBER_ID, { operation: 'setUsername', username: 'acme.support' }),
		]),
	);

	expect(execution.status).toBe('error');
	const error = nodeError(execution, 'Claim without transfer');
	expect(error.message).toMatch(/^Another phone number of this business portfolio holds this username/);
	expect(error.description).toMatch(/turn on "Move From Another Number of the Portfolio"/);
	expect(sandbox.counts.endpoints).toEqual({ 'POST /{phone_number}/username': 1 });
});
