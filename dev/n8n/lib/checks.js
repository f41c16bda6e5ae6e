'use strict';
/**
 * The result checks of the example workflows (onboarding and re-verification), for an
 * execution read back from any n8n: the single-process and the queue-mode suites share them.
 */
const { nodeOutput, nodeError } = require('./n8n');

const DAY = 86_400_000;
const BUSINESS = '506914307656634';
const WABA = '102290129340398';

function expectNoNodeErrors(execution) {
	const failed = Object.keys(execution.data.resultData.runData).filter((n) => nodeError(execution, n));
	expect(failed).toEqual([]);
	expect(execution.status).toBe('success');
}

/** examples/onboard-pre-verified-number.json: add → code → verify → claim → find → register → registered. */
function checkOnboarding(execution, sandbox) {
	expectNoNodeErrors(execution);
	const [added] = nodeOutput(execution, 'Add to pool');
	const id = added.preVerifiedNumberId;
	expect(id).toMatch(/^\d+$/);
	expect(nodeOutput(execution, 'Request code')).toEqual([expect.objectContaining({ success: true, preVerifiedNumberId: id })]);
	expect(nodeOutput(execution, 'Verify code')).toEqual([expect.objectContaining({ success: true, preVerifiedNumberId: id })]);
	const [codeRead] = nodeOutput(execution, 'Operator reads the SMS code (sandbox only)');
	expect(JSON.stringify(nodeOutput(execution, 'Verify code'))).not.toContain(codeRead.code);
	const [claimed] = nodeOutput(execution, 'Only the number we onboarded');
	expect(claimed).toEqual(expect.objectContaining({ preVerifiedNumberId: id, wabaId: WABA, code_verification_status: 'VERIFIED' }));
	expect(nodeOutput(execution, 'Register with PIN')).toEqual([
		expect.objectContaining({ success: true, phoneNumberId: claimed.phoneNumberId }),
	]);
	const [status] = nodeOutput(execution, 'Get status');
	expect(status).toEqual(expect.objectContaining({ id: claimed.phoneNumberId, status: 'CONNECTED', code_verification_status: 'VERIFIED' }));

	const state = sandbox.state;
	expect(state.preVerifiedNumbers.find((p) => p.id === id).code_verification_status).toBe('VERIFIED');
	expect(state.phoneNumbers.find((p) => p.id === claimed.phoneNumberId)).toEqual(
		expect.objectContaining({ status: 'CONNECTED', waba_id: WABA }),
	);
	expect(sandbox.counts.endpoints).toEqual({
		'POST /{business}/add_phone_numbers': 1,
		'POST /{preverified}/request_code': 1,
		'POST /{preverified}/verify_code': 1,
		'GET /{business}/preverified_numbers': 1,
		'GET /{waba}/phone_numbers': 1,
		'POST /{phone_number}/register': 1,
		'GET /{phone_number}': 1,
	});
	return { preVerifiedNumberId: id, phoneNumberId: claimed.phoneNumberId };
}

/** Verified less than 45 days ago → not due; anything else (older, lapsed, never verified) is due. */
function expectedDue(pool, now) {
	return pool
		.filter((p) => String(p.business_id ?? p.owner_business?.id) === BUSINESS)
		.filter((p) => {
			if (!p.code_verification_time) return true;
			const verifiedAt = Date.parse(p.code_verification_time.replace(/\+0000$/, 'Z'));
			return now.getTime() - verifiedAt >= 45 * DAY;
		})
		.map((p) => p.id)
		.sort();
}

/**
 * examples/scheduled-reverification.json: exactly the due numbers re-verified, the others
 * untouched, with one list call plus one request_code and one verify_code per due number.
 * `before` is the pool before the run, `now` the sandbox clock.
 */
function checkReverification(execution, sandbox, { before, now }) {
	expectNoNodeErrors(execution);
	const due = expectedDue(before, now);
	const notDue = before.map((p) => p.id).filter((id) => !due.includes(id));
	expect(due.length).toBeGreaterThanOrEqual(2);
	expect(notDue.length).toBeGreaterThanOrEqual(2);
	expect(notDue).toEqual(expect.arrayContaining(['1706193509821731', '1706193509821735']));
	expect(due).toEqual(expect.arrayContaining(['1706193509821732', '1706193509821733']));

	const listed = nodeOutput(execution, 'Get due for re-verification');
	expect(listed.map((n) => n.preVerifiedNumberId).sort()).toEqual(due);
	for (const item of listed) expect(item.due).toEqual(expect.objectContaining({ reason: expect.any(String) }));
	expect(nodeOutput(execution, 'Verify code').map((n) => n.preVerifiedNumberId).sort()).toEqual(due);

	const after = sandbox.state.preVerifiedNumbers;
	for (const id of due) {
		const entry = after.find((p) => p.id === id);
		expect(entry.code_verification_status).toBe('VERIFIED');
		const verifiedAt = Date.parse(entry.code_verification_time.replace(/\+0000$/, 'Z'));
		expect(Math.abs(verifiedAt - sandbox.now().getTime())).toBeLessThan(5 * 60_000);
	}
	for (const id of notDue) expect(after.find((p) => p.id === id)).toEqual(before.find((p) => p.id === id));

	expect(sandbox.counts.endpoints).toEqual({
		'GET /{business}/preverified_numbers': 1,
		'POST /{preverified}/request_code': due.length,
		'POST /{preverified}/verify_code': due.length,
	});
	expect(sandbox.counts.total).toBe(1 + 2 * due.length);
	const touched = new Set(
		sandbox
			.callLog()
			.filter((c) => c.method === 'POST')
			.map((c) => c.path.split('/')[2]),
	);
	expect([...touched].sort()).toEqual(due);
	return { due, notDue };
}

module.exports = { checkOnboarding, checkReverification, expectedDue, DAY, WABA };
