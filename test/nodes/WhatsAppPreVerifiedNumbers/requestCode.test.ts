import { jsonOf, runNode } from '../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../harness/graphMock';
import { byId, NODE_TYPE, noBody, PRE_VERIFIED_ID, recordUnexpectedRequests } from './fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

describe('WhatsApp Pre-Verified Numbers: Request Code', () => {
	it('sends POST /<PREVERIFIED_ID>/request_code?code_method=VOICE&language=pt_BR and outputs what was requested', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'VOICE', language: 'pt_BR' })
			.reply(200, { success: true });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'requestCode',
				preVerifiedNumberId: byId(PRE_VERIFIED_ID),
				codeMethod: 'VOICE',
				language: 'pt_BR',
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, codeMethod: 'VOICE', language: 'pt_BR' },
		]);
	});

	it('defaults to SMS in en_US', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(200, { success: true });

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'requestCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, codeMethod: 'SMS', language: 'en_US' },
		]);
	});

	it('refuses an unknown code method, naming the field, before any request', async () => {
		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'requestCode',
				preVerifiedNumberId: byId(PRE_VERIFIED_ID),
				codeMethod: 'EMAIL',
				language: 'en_US',
			},
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Code Method must be SMS or VOICE');
		expect(error?.description).toBe('Received "EMAIL". Correct the "Code Method" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('refuses a language that is not like en or en_US before any request', async () => {
		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: {
				operation: 'requestCode',
				preVerifiedNumberId: byId(PRE_VERIFIED_ID),
				codeMethod: 'SMS',
				language: 'English',
			},
			credentials: testCredentials,
		});

		expect(error?.message).toBe('Language must look like en or en_US (language, then optional _COUNTRY)');
		expect(unexpectedRequests).toEqual([]);
	});

	it('explains error 136024 when Meta cannot send the code', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(400, graphErrorBody(136024, 'Request code error'));

		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'requestCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID) },
			credentials: testCredentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Meta could not send a one-time code to this number (Request code error)');
	});
});
