'use strict';
/**
 * The onboarding workflow in a real n8n: examples/onboard-pre-verified-number.json, run as the
 * editor runs it, against the Graph sandbox; the execution is read back over n8n's REST API.
 */
const path = require('node:path');

const { startStack } = require('../../dev/n8n/lib/harness');
const { packageJson } = require('../../dev/n8n/lib/install');
const { checkOnboarding } = require('../../dev/n8n/lib/checks');

let stack;

beforeAll(async () => {
	stack = await startStack({ only: ['onboarding'] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the package is loaded under its own name, as for users', async () => {
	const types = (await stack.client.nodeTypes()).map((t) => t.name);
	// Every node the package declares, by the name its class gives (the file name, first letter lower-cased).
	const declared = packageJson.n8n.nodes.map((file) => {
		const base = path.basename(file, '.node.js');
		return base[0].toLowerCase() + base.slice(1);
	});
	expect(declared).toHaveLength(8);
	for (const name of declared) {
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

	checkOnboarding(execution, sandbox);

	// Read back through the list endpoint too, as the editor's executions tab does.
	const listed = await client.listExecutions(wf.id);
	expect(listed.map((e) => e.id)).toContain(String(executionId));
});
