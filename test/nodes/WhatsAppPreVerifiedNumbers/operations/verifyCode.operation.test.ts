import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, noBody, PRE_VERIFIED_ID, recordUnexpectedRequests } from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

async function verifyCode(parameters: INodeParameters) {
	return await runNode({
		type: NODE_TYPE,
		parameters: { operation: 'verifyCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID), ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Pre-Verified Numbers: Verify Code', () => {
	it('sends POST /<PREVERIFIED_ID>/verify_code?code=123456 for the SMS form 123-456, reports VERIFIED, and never outputs the code', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), noBody)
			.query({ code: '123456' })
			.reply(200, { success: true });

		const { run, items, error } = await verifyCode({ code: '123-456' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, codeVerificationStatus: 'VERIFIED' },
		]);
		expect(JSON.stringify(run.data.resultData)).not.toMatch(/123-?456/);
	});

	it('does not claim VERIFIED when Meta answers without success', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), noBody)
			.query({ code: '123456' })
			.reply(200, { success: false });

		const { items } = await verifyCode({ code: '123456' });

		expect(jsonOf(items)).toEqual([{ success: false, preVerifiedNumberId: PRE_VERIFIED_ID }]);
	});

	it('refuses 12a456, naming the field without echoing the code, before any request', async () => {
		const { items, error } = await verifyCode({ code: '12a456' });

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'One-Time Code must be the 6-digit code from the SMS or call, such as 123456 or 123-456',
		);
		expect(error?.description).toBe('Correct the "One-Time Code" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('explains a wrong or expired code (136025) without repeating the code Meta echoed', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), noBody)
			.query({ code: '654321' })
			.reply(400, graphErrorBody(136025, 'Code 654321 could not be verified'));

		const { items, error } = await verifyCode({ code: '654321' });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The one-time code was wrong or has expired (Code [redacted] could not be verified)');
		// The node's own parameters travel with any n8n error; what Graph sent back must not repeat the code.
		const { message, description, context } = error ?? {};
		expect(JSON.stringify({ message, description, context })).not.toContain('654321');
	});
});
