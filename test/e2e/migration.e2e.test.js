'use strict';
/**
 * The migration workflow in a real n8n: examples/migrate-number.json, run as the editor runs it,
 * against the Graph sandbox, whose other Solution Partner's WABA holds the number to migrate;
 * the execution is read back over n8n's REST API.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { nodeOutput, nodeError } = require('../../dev/n8n/lib/n8n');

const DESTINATION_WABA = '102290129340398';
const SOURCE_WABA = '105500112233445';
const MIGRATED_NUMBER_ID = '110011223344556';

let stack;

beforeAll(async () => {
	stack = await startStack({ only: ['migration'] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('migrate a number from another WABA: migrate → code → verify → register → CONNECTED in the destination WABA', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.migration;
	sandbox.resetCounts();

	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);

	expect(Object.keys(execution.data.resultData.runData).filter((name) => nodeError(execution, name))).toEqual([]);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'Migrate from the previous WABA')).toEqual([
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
		'POST /{waba}/phone_numbers': 1,
		'POST /{phone_number}/request_code': 1,
		'POST /{phone_number}/verify_code': 1,
		'POST /{phone_number}/register': 1,
		'GET /{phone_number}': 1,
	});
});
