'use strict';
/**
 * The migration workflow in a real n8n: examples/migrate-number.json, run as the editor runs it,
 * against the Graph sandbox, whose other Solution Partner's WABA holds the number to migrate;
 * the execution is read back over n8n's REST API.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { nodeOutput, nodeError } = require('../../dev/n8n/lib/n8n');
const { loadExample } = require('../../dev/n8n/lib/setup');

const DESTINATION_WABA = '102290129340398';
const SOURCE_WABA = '105500112233445';
const MIGRATED_NUMBER_ID = '110011223344556';
const TWO_STEP_ON_NUMBER_ID = '110011223344557';
const SUBSCRIBE = 'Subscribe the app to the destination WABA';
const MIGRATE = 'Migrate from the previous WABA';

let stack;

beforeAll(async () => {
	stack = await startStack({ only: ['migration'] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

/**
 * The example as a user edits it: `change` rewrites the saved copy (another number, a step
 * removed), which is then saved under its own name and run from the editor's trigger.
 */
async function runVariant(name, change) {
	const { client, sandbox, credential } = stack;
	const workflow = loadExample('migration', { credential, sandboxUrl: sandbox.url });
	change(workflow);
	const saved = await client.createWorkflow({ ...workflow, name });
	return await client.waitForExecution(await client.runWorkflow(saved.id, stack.workflows.migration.trigger));
}

const numbersOf = (wabaId) => stack.sandbox.state.phoneNumbers.filter((phone) => phone.waba_id === wabaId).map((phone) => phone.id);

describe('refusals in a real n8n: the execution stops at Migrate with the precondition that failed, and nothing moves', () => {
	beforeEach(() => stack.sandbox.reset());

	test('without the subscription step: the app is not subscribed to the destination WABA', async () => {
		const execution = await runVariant('Migration without subscribing', (workflow) => {
			workflow.nodes = workflow.nodes.filter((node) => node.name !== SUBSCRIBE);
			delete workflow.connections[SUBSCRIBE];
			workflow.connections['Start migration'].main[0][0].node = MIGRATE;
		});

		expect(execution.status).toBe('error');
		const error = nodeError(execution, MIGRATE);
		expect(error.message).toBe(
			"Migration refused: the app is not subscribed to the destination WABA's webhooks (Webhooks have not been set up for the destination WhatsApp Business account.)",
		);
		expect(error.description).toMatch(/Subscribe the app to the destination WABA \(WhatsApp Business Accounts › Subscribe App\)/);
		expect(nodeOutput(execution, 'Request code')).toBeUndefined();
		expect(numbersOf(SOURCE_WABA)).toEqual([MIGRATED_NUMBER_ID, TWO_STEP_ON_NUMBER_ID]);
		expect(stack.sandbox.counts.endpoints).toEqual({ 'POST /{waba}/phone_numbers': 1 });
	});

	test('a number whose two-step verification is still on in its current WABA', async () => {
		const execution = await runVariant('Migration of a number with two-step verification on', (workflow) => {
			workflow.nodes.find((node) => node.name === MIGRATE).parameters.phoneNumber = '631 555 7002';
		});

		expect(execution.status).toBe('error');
		expect(nodeOutput(execution, SUBSCRIBE)).toEqual([expect.objectContaining({ success: true, wabaId: DESTINATION_WABA })]);
		const error = nodeError(execution, MIGRATE);
		expect(error.message).toBe(
			'Migration refused: two-step verification is still on for this number in its current WABA (Two-step authentication must be disabled for this phone number.)',
		);
		expect(error.description).toMatch(/turn two-step verification off/);
		expect(JSON.stringify(error)).not.toContain('424242');
		expect(nodeOutput(execution, 'Request code')).toBeUndefined();
		expect(numbersOf(SOURCE_WABA)).toEqual([MIGRATED_NUMBER_ID, TWO_STEP_ON_NUMBER_ID]);
		expect(stack.sandbox.counts.endpoints).toEqual({ 'POST /{waba}/subscribed_apps': 1, 'POST /{waba}/phone_numbers': 1 });
	});
});

test('migrate a number from another WABA: subscribe → migrate → code → verify → register → CONNECTED in the destination WABA', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.migration;
	sandbox.reset();

	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);

	expect(Object.keys(execution.data.resultData.runData).filter((name) => nodeError(execution, name))).toEqual([]);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, SUBSCRIBE)).toEqual([expect.objectContaining({ success: true, wabaId: DESTINATION_WABA, overrideCallbackUri: null })]);
	expect(nodeOutput(execution, MIGRATE)).toEqual([
		{ id: MIGRATED_NUMBER_ID, phoneNumberId: MIGRATED_NUMBER_ID, nextSteps: expect.stringMatching(/Request Code and then Verify Code/) },
	]);
	expect(nodeOutput(execution, 'Request code')).toEqual([expect.objectContaining({ success: true, phoneNumberId: MIGRATED_NUMBER_ID })]);
	const [codeRead] = nodeOutput(execution, 'Operator reads the SMS code (sandbox only)');
	expect(codeRead.code).toMatch(/^\d{6}$/);
	expect(nodeOutput(execution, 'Verify code')).toEqual([expect.objectContaining({ success: true, phoneNumberId: MIGRATED_NUMBER_ID })]);
	expect(JSON.stringify(nodeOutput(execution, 'Verify code'))).not.toContain(codeRead.code);
	expect(nodeOutput(execution, 'Register with PIN')).toEqual([expect.objectContaining({ success: true, phoneNumberId: MIGRATED_NUMBER_ID })]);
	expect(JSON.stringify(nodeOutput(execution, 'Register with PIN'))).not.toContain('246813');
	const [status] = nodeOutput(execution, 'Get status');
	expect(status).toEqual(
		expect.objectContaining({ id: MIGRATED_NUMBER_ID, status: 'CONNECTED', code_verification_status: 'VERIFIED', verified_name: 'Harbor Bakery' }),
	);

	const migrated = sandbox.state.phoneNumbers.find((phone) => phone.id === MIGRATED_NUMBER_ID);
	expect(migrated).toEqual(expect.objectContaining({ waba_id: DESTINATION_WABA, status: 'CONNECTED' }));
	expect(sandbox.state.phoneNumbers.filter((phone) => phone.waba_id === SOURCE_WABA).map((phone) => phone.id)).toEqual(['110011223344557']);
	expect(sandbox.counts.endpoints).toEqual({
		'POST /{waba}/subscribed_apps': 1,
		'POST /{waba}/phone_numbers': 1,
		'POST /{phone_number}/request_code': 1,
		'POST /{phone_number}/verify_code': 1,
		'POST /{phone_number}/register': 1,
		'GET /{phone_number}': 1,
	});
});
