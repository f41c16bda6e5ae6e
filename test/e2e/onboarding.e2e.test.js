'use strict';
/**
 * Issue 7, workflow 1 in a real n8n: examples/onboard-pre-verified-number.json, run as the
 * editor runs it, against the Graph sandbox; the execution is read back over n8n's REST API.
 */
const { startStack } = require('../../e2e/lib/harness');
const { nodeOutput, nodeError } = require('../../e2e/lib/n8n');

let stack;

beforeAll(async () => {
	stack = await startStack({ only: ['onboarding'] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the package is loaded under its own name, as for users', async () => {
	const types = (await stack.client.nodeTypes()).map((t) => t.name);
	for (const name of [
		'whatsAppPhoneNumbers',
		'whatsAppPreVerifiedNumbers',
		'whatsAppVerification',
		'whatsAppSettings',
		'whatsAppPhoneNumberTrigger',
	]) {
		expect(types).toContain(`n8n-nodes-whatsapp-phone-numbers.${name}`);
	}
	const credentials = (await stack.client.credentialTypes()).map((t) => t.name);
	expect(credentials).toContain('whatsAppBusinessManagementApi');
});

test('onboard a pre-verified number: add → code → verify → claim → find → register → registered', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.onboarding;
	sandbox.resetCounts();

	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);

	const failed = Object.keys(execution.data.resultData.runData).filter((n) => nodeError(execution, n));
	expect(failed).toEqual([]);
	expect(execution.status).toBe('success');

	const [added] = nodeOutput(execution, 'Add to pool');
	const id = added.preVerifiedNumberId;
	expect(id).toMatch(/^\d+$/);
	expect(nodeOutput(execution, 'Request code')).toEqual([expect.objectContaining({ success: true, preVerifiedNumberId: id })]);
	expect(nodeOutput(execution, 'Verify code')).toEqual([expect.objectContaining({ success: true, preVerifiedNumberId: id })]);
	// The code is a secret: the verify step's output must not carry it.
	const [codeRead] = nodeOutput(execution, 'Operator reads the SMS code (sandbox only)');
	expect(JSON.stringify(nodeOutput(execution, 'Verify code'))).not.toContain(codeRead.code);

	const [claimed] = nodeOutput(execution, 'Only the number we onboarded');
	expect(claimed).toEqual(
		expect.objectContaining({ preVerifiedNumberId: id, wabaId: '102290129340398', code_verification_status: 'VERIFIED' }),
	);
	expect(nodeOutput(execution, 'Register with PIN')).toEqual([
		expect.objectContaining({ success: true, phoneNumberId: claimed.phoneNumberId }),
	]);
	const [status] = nodeOutput(execution, 'Get status');
	expect(status).toEqual(
		expect.objectContaining({ id: claimed.phoneNumberId, status: 'CONNECTED', code_verification_status: 'VERIFIED' }),
	);

	// The sandbox agrees: the pool entry is verified and the WABA's number is registered.
	const state = sandbox.state;
	const poolEntry = state.preVerifiedNumbers.find((p) => p.id === id);
	expect(poolEntry.code_verification_status).toBe('VERIFIED');
	const phone = state.phoneNumbers.find((p) => p.id === claimed.phoneNumberId);
	expect(phone).toEqual(expect.objectContaining({ status: 'CONNECTED', waba_id: '102290129340398' }));

	// One Graph call per step, no retries or extra reads.
	expect(sandbox.counts.endpoints).toEqual({
		'POST /{business}/add_phone_numbers': 1,
		'POST /{preverified}/request_code': 1,
		'POST /{preverified}/verify_code': 1,
		'GET /{business}/preverified_numbers': 1,
		'GET /{waba}/phone_numbers': 1,
		'POST /{phone_number}/register': 1,
		'GET /{phone_number}': 1,
	});

	// Read back through the list endpoint too, as the editor's executions tab does.
	const listed = await client.listExecutions(wf.id);
	expect(listed.map((e) => e.id)).toContain(String(executionId));
});
