import { jsonOf, runNode } from '../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../harness/graphMock';
import { byId, NODE_TYPE, noBody, PRE_VERIFIED_ID, recordUnexpectedRequests } from './fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

describe('WhatsApp Pre-Verified Numbers: Verify Code', () => {
	it('sends POST /<PREVERIFIED_ID>/verify_code?code=123456 for the SMS form 123-456, and never outputs the code', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), noBody)
			.query({ code: '123456' })
			.reply(200, { success: true });

		const { run, items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'verifyCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID), code: '123-456' },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID }]);
		expect(JSON.stringify(run.data.resultData)).not.toMatch(/123-?456/);
	});

	it('refuses 12a456, naming the field without echoing the code, before any request', async () => {
		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'verifyCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID), code: '12a456' },
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Code must be the 6-digit code from the SMS or call, such as 123456 or 123-456');
		expect(error?.description).toBe('Correct the "Code" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('explains a wrong or expired code (136025) without repeating the code Meta echoed', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), noBody)
			.query({ code: '654321' })
			.reply(400, graphErrorBody(136025, 'Code 654321 could not be verified'));

		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'verifyCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID), code: '654321' },
			credentials: testCredentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The one-time code was wrong or has expired (Code [redacted] could not be verified)');
		// The node's own parameters travel with any n8n error; what Graph sent back must not repeat the code.
		const { message, description, context } = error ?? {};
		expect(JSON.stringify({ message, description, context })).not.toContain('654321');
	});
});
