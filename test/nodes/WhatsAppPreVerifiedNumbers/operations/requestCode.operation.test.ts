import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, noBody, PRE_VERIFIED_ID, recordUnexpectedRequests } from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

async function requestCode(parameters: INodeParameters) {
	return await runNode({
		type: NODE_TYPE,
		parameters: { operation: 'requestCode', preVerifiedNumberId: byId(PRE_VERIFIED_ID), ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Pre-Verified Numbers: Request Code', () => {
	it('sends POST /<PREVERIFIED_ID>/request_code?code_method=VOICE&language=pt_BR and says where and how the code went', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'VOICE', language: 'pt_BR' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({ codeMethod: 'VOICE', language: 'pt_BR' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				codeMethod: 'VOICE',
				language: 'pt_BR',
				delivery: 'A voice call to the number that reads the six-digit code three times',
				nextStep:
					'Ask whoever holds the phone for the six-digit code, then run Verify Code on this number with it (123456 and 123-456 both work). If no code arrives within a few minutes, request a new one, or try SMS.',
			},
		]);
	});

	it('defaults to SMS in en_US', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				codeMethod: 'SMS',
				language: 'en_US',
				delivery: 'An SMS to the number reading "WhatsApp code 123-456", with the six-digit code in place of 123-456',
				nextStep:
					'Ask whoever holds the phone for the six-digit code, then run Verify Code on this number with it (123456 and 123-456 both work). If no code arrives within a few minutes, request a new one, or try VOICE.',
			},
		]);
	});

	it('sends a language code typed under "Other" as it was typed, trimmed', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'sv_SE' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({ codeMethod: 'SMS', language: 'custom', customLanguage: ' sv_SE ' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toMatchObject([
			{ success: true, preVerifiedNumberId: PRE_VERIFIED_ID, codeMethod: 'SMS', language: 'sv_SE' },
		]);
	});

	it('does not claim a code was sent when Meta answers without success', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'de_DE' })
			.reply(200, { success: false });

		const { items } = await requestCode({ codeMethod: 'SMS', language: 'de_DE' });

		expect(jsonOf(items)).toEqual([
			{
				success: false,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				codeMethod: 'SMS',
				language: 'de_DE',
				nextStep: 'Meta did not confirm that a code was sent. Check the number and request a code again.',
			},
		]);
	});

	it('refuses an unknown code method, naming the field, before any request', async () => {
		const { items, error } = await requestCode({ codeMethod: 'EMAIL', language: 'en_US' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Code Method must be SMS or VOICE');
		expect(error?.description).toBe('Received "EMAIL". Correct the "Code Method" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('refuses a language from an expression that is not like en or en_US, naming the field, before any request', async () => {
		const { items, error } = await requestCode({ codeMethod: 'SMS', language: '={{ "English" }}' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Language must look like en or en_US (language, then optional _COUNTRY)');
		expect(error?.description).toBe('Received "English". Correct the "Language" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('refuses a language code typed under "Other" that is not like en or en_US, naming that field, before any request', async () => {
		const { items, error } = await requestCode({ codeMethod: 'SMS', language: 'custom', customLanguage: 'pt-BR' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Language Code must look like en or en_US (language, then optional _COUNTRY)');
		expect(error?.description).toBe('Received "pt-BR". Correct the "Language Code" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('explains error 136024 when Meta cannot send the code', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), noBody)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(400, graphErrorBody(136024, 'Request code error'));

		const { items, error } = await requestCode({});

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Meta could not send a one-time code to this number (Request code error)');
	});
});
