'use strict';
/**
 * The onboarding and re-verification workflows in n8n queue mode (main + worker + two
 * webhook processes, Redis, PostgreSQL). Manual runs are offloaded to the worker; each execution
 * must have been run by the worker (its log) and give the same results as in a single n8n.
 */
const { startQueueCluster } = require('../../dev/n8n/queue/cluster');
const { nodeOutput } = require('../../dev/n8n/lib/n8n');
const { checkOnboarding, checkReverification, DAY } = require('../../dev/n8n/lib/checks');

const SHIFT_DAYS = 30;
let cluster;
let today;

beforeAll(async () => {
	today = new Date();
	// Seeded 30 days in the past, then moved to today (as test/e2e/reverification does).
	cluster = await startQueueCluster({
		only: ['onboarding', 'reverification'],
		sandboxOptions: { now: new Date(today.getTime() - SHIFT_DAYS * DAY) },
	});
	cluster.sandbox.setNow(today);
}, 600_000);

afterAll(async () => {
	if (cluster) await cluster.stop();
});

/**
 * The worker's log names each execution it ran (`Worker started/finished execution <id>`). The
 * execution can read as finished in the database a moment before the worker writes that line,
 * so the log is given up to 10 seconds.
 */
async function expectRunByWorker(executionId) {
	const line = `Worker finished execution ${executionId} `;
	for (let waited = 0; waited < 10_000 && !cluster.worker.output().includes(line); waited += 100) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	expect(cluster.worker.output()).toContain(line);
	expect(cluster.main.output()).not.toContain(`Worker finished execution ${executionId} `);
}

test('every process of the instance loaded the package; main serves no production webhooks', async () => {
	const types = (await cluster.client.nodeTypes()).map((t) => t.name);
	for (const name of ['whatsAppPhoneNumbers', 'whatsAppPreVerifiedNumbers', 'whatsAppVerification', 'whatsAppSettings', 'whatsAppPhoneNumberTrigger']) {
		expect(types).toContain(`n8n-nodes-whatsapp-phone-numbers.${name}`);
	}
	for (const proc of [cluster.main, cluster.worker, ...cluster.webhooks]) {
		expect([proc.role, proc.output()]).not.toEqual([proc.role, expect.stringMatching(/Problem loading (node|package)|n8n-nodes-whatsapp-phone-numbers.*(could not|failed)/i)]);
	}
	const res = await fetch(`${cluster.main.url}/webhook/anything/webhook`, { method: 'POST' });
	expect(res.status).toBe(404);
});

test('onboard a pre-verified number, executed by the worker', async () => {
	const wf = cluster.workflows.onboarding;
	cluster.sandbox.resetCounts();
	const executionId = await cluster.client.runWorkflow(wf.id, wf.trigger);
	const execution = await cluster.client.waitForExecution(executionId);
	checkOnboarding(execution, cluster.sandbox);
	await expectRunByWorker(executionId);
	const listed = await cluster.client.listExecutions(wf.id);
	expect(listed.map((e) => e.id)).toContain(String(executionId));
});

test('the schedule re-verifies exactly the due numbers, executed by the worker', async () => {
	const { client, sandbox } = cluster;
	const wf = cluster.workflows.reverification;
	const before = sandbox.state.preVerifiedNumbers;
	sandbox.resetCounts();
	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);
	checkReverification(execution, sandbox, { before, now: today });
	await expectRunByWorker(executionId);

	// A second run right away finds nothing due and costs one call.
	sandbox.resetCounts();
	const secondId = await client.runWorkflow(wf.id, wf.trigger);
	const second = await client.waitForExecution(secondId);
	expect(second.status).toBe('success');
	expect(nodeOutput(second, 'Get due for re-verification')).toEqual([]);
	expect(sandbox.counts.total).toBe(1);
	await expectRunByWorker(secondId);
});
