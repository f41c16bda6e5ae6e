'use strict';
/**
 * The re-verification workflow in a real n8n: examples/scheduled-reverification.json. The sandbox's
 * world is seeded 30 days in the past, then its clock is moved to today, so some pool numbers
 * are in their re-verification window (or lapsed, or never verified) and some are not.
 * Exactly the due ones must be re-verified, with the minimum number of Graph calls.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { checkReverification, DAY } = require('../../dev/n8n/lib/checks');
const { nodeOutput } = require('../../dev/n8n/lib/n8n');

const SHIFT_DAYS = 30;

let stack;
let today;

beforeAll(async () => {
	today = new Date();
	stack = await startStack({
		only: ['reverification'],
		sandboxOptions: { now: new Date(today.getTime() - SHIFT_DAYS * DAY) },
	});
	// Move the sandbox clock to today: every number of the fixture is now 30 days older.
	stack.sandbox.setNow(today);
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('the schedule re-verifies exactly the due numbers, with the minimum of calls', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.reverification;
	const before = sandbox.state.preVerifiedNumbers;

	sandbox.resetCounts();
	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);
	// Exactly the due numbers re-verified (the fixture shifted by 30 days gives both kinds), the
	// others untouched, with one list call plus one request_code and one verify_code per due number.
	checkReverification(execution, sandbox, { before, now: today });

	// A second run right away finds nothing due and costs one call.
	sandbox.resetCounts();
	const second = await client.waitForExecution(await client.runWorkflow(wf.id, wf.trigger));
	expect(second.status).toBe('success');
	expect(nodeOutput(second, 'Get due for re-verification')).toEqual([]);
	expect(sandbox.counts.total).toBe(1);
});
