'use strict';
/**
 * Issue 7, workflow 2 in a real n8n: examples/scheduled-reverification.json. The sandbox's
 * world is seeded 30 days in the past, then its clock is moved to today, so some pool numbers
 * are in their re-verification window (or lapsed, or never verified) and some are not.
 * Exactly the due ones must be re-verified, with the minimum number of Graph calls.
 */
const { startStack } = require('../../e2e/lib/harness');
const { nodeOutput, nodeError } = require('../../e2e/lib/n8n');

const DAY = 86_400_000;
const SHIFT_DAYS = 30;
const BUSINESS = '506914307656634';

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

/** Our own reading of the rule: verified less than 45 days ago → not due; anything else is due. */
function expectedDue(pool, now) {
	return pool
		.filter((p) => String(p.business_id ?? p.owner_business?.id) === BUSINESS)
		.filter((p) => {
			if (!p.code_verification_time) return true; // never verified
			const verifiedAt = Date.parse(p.code_verification_time.replace(/\+0000$/, 'Z'));
			return now.getTime() - verifiedAt >= 45 * DAY;
		})
		.map((p) => p.id)
		.sort();
}

test('the schedule re-verifies exactly the due numbers, with the minimum of calls', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.reverification;
	const before = sandbox.state.preVerifiedNumbers;
	const due = expectedDue(before, today);
	const notDue = before.map((p) => p.id).filter((id) => !due.includes(id));
	// The fixture shifted by 30 days must give both kinds, or the test proves nothing.
	expect(due.length).toBeGreaterThanOrEqual(2);
	expect(notDue.length).toBeGreaterThanOrEqual(2);
	expect(notDue).toEqual(expect.arrayContaining(['1706193509821731', '1706193509821735'])); // 35 and 40 days
	expect(due).toEqual(expect.arrayContaining(['1706193509821732', '1706193509821733'])); // 50 and 80 days

	sandbox.resetCounts();
	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);
	const failed = Object.keys(execution.data.resultData.runData).filter((n) => nodeError(execution, n));
	expect(failed).toEqual([]);
	expect(execution.status).toBe('success');

	const listed = nodeOutput(execution, 'Get due for re-verification');
	expect(listed.map((n) => n.preVerifiedNumberId).sort()).toEqual(due);
	for (const item of listed) expect(item.due).toEqual(expect.objectContaining({ reason: expect.any(String) }));
	expect(nodeOutput(execution, 'Verify code').map((n) => n.preVerifiedNumberId).sort()).toEqual(due);

	// In the sandbox: each due number verified today, every other number untouched.
	const after = sandbox.state.preVerifiedNumbers;
	for (const id of due) {
		const entry = after.find((p) => p.id === id);
		expect(entry.code_verification_status).toBe('VERIFIED');
		const verifiedAt = Date.parse(entry.code_verification_time.replace(/\+0000$/, 'Z'));
		expect(Math.abs(verifiedAt - sandbox.now().getTime())).toBeLessThan(5 * 60_000);
	}
	for (const id of notDue) {
		expect(after.find((p) => p.id === id)).toEqual(before.find((p) => p.id === id));
	}

	// Minimum: one list call, then one request_code and one verify_code per due number.
	const counts = sandbox.counts;
	expect(counts.endpoints).toEqual({
		'GET /{business}/preverified_numbers': 1,
		'POST /{preverified}/request_code': due.length,
		'POST /{preverified}/verify_code': due.length,
	});
	expect(counts.total).toBe(1 + 2 * due.length);
	const touched = new Set(
		sandbox
			.callLog()
			.filter((c) => c.method === 'POST')
			.map((c) => c.path.split('/')[2]),
	);
	expect([...touched].sort()).toEqual(due);

	// A second run right away finds nothing due and costs one call.
	sandbox.resetCounts();
	const second = await client.waitForExecution(await client.runWorkflow(wf.id, wf.trigger));
	expect(second.status).toBe('success');
	expect(nodeOutput(second, 'Get due for re-verification')).toEqual([]);
	expect(sandbox.counts.total).toBe(1);
});
