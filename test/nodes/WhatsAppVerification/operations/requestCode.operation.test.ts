import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';

isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const PRE_VERIFIED_ID = '735310491839127';
const NO_BODY = (body: unknown) => body === '';

const byPhoneNumber = { numberType: 'phoneNumber', phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID } };
const byPreVerifiedNumber = {
	numberType: 'preVerifiedNumber',
	preVerifiedNumberId: { __rl: true, mode: 'id', value: PRE_VERIFIED_ID },
};

async function requestCode(parameters: INodeParameters) {
	return await runNode({
		type: 'whatsAppVerification',
		parameters: { operation: 'requestCode', ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Verification: Request Code', () => {
	it('asks Meta for an SMS code for a business phone number and says where and how it was sent', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/request_code`), NO_BODY)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({ ...byPhoneNumber, codeMethod: 'SMS', language: 'en_US' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				id: PHONE_NUMBER_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				codeMethod: 'SMS',
				language: 'en_US',
				delivery: 'An SMS to the number reading "WhatsApp code 123-456", with the six-digit code in place of 123-456',
				nextStep:
					'Ask whoever holds the phone for the six-digit code, then run Verify Code on this number with it (123456 and 123-456 both work). If no code arrives within a few minutes, request a new one, or try VOICE.',
			},
		]);
	});

	it('asks for a voice call to a pre-verified number in the chosen language', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/request_code`), NO_BODY)
			.query({ code_method: 'VOICE', language: 'pt_BR' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({ ...byPreVerifiedNumber, codeMethod: 'VOICE', language: 'pt_BR' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				id: PRE_VERIFIED_ID,
				preVerifiedNumberId: PRE_VERIFIED_ID,
				codeMethod: 'VOICE',
				language: 'pt_BR',
				delivery: 'A voice call to the number that reads the six-digit code three times',
				nextStep:
					'Ask whoever holds the phone for the six-digit code, then run Verify Code on this number with it (123456 and 123-456 both work). If no code arrives within a few minutes, request a new one, or try SMS.',
			},
		]);
	});

	it('sends a language code typed under "Other" as it was typed', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/request_code`), NO_BODY)
			.query({ code_method: 'SMS', language: 'sv_SE' })
			.reply(200, { success: true });

		const { items, error } = await requestCode({
			...byPhoneNumber,
			codeMethod: 'SMS',
			language: 'custom',
			customLanguage: ' sv_SE ',
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toMatchObject([{ success: true, id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID, language: 'sv_SE' }]);
	});

	it('uses SMS in US English when the node is left at its defaults', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/request_code`), NO_BODY)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(200, { success: true });

		const { items, error } = await requestCode(byPhoneNumber);

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toMatchObject([{ success: true, codeMethod: 'SMS', language: 'en_US' }]);
	});

	it('does not claim a code was sent when Meta answers without success', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/request_code`), NO_BODY)
			.query({ code_method: 'VOICE', language: 'de_DE' })
			.reply(200, { success: false });

		const { items } = await requestCode({ ...byPhoneNumber, codeMethod: 'VOICE', language: 'de_DE' });

		expect(jsonOf(items)).toEqual([
			{
				success: false,
				id: PHONE_NUMBER_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				codeMethod: 'VOICE',
				language: 'de_DE',
				nextStep: 'Meta did not confirm that a code was sent. Check the number and request a code again.',
			},
		]);
	});

	it('refuses a language code typed under "Other" that is not like en or en_US, naming the field, before any request', async () => {
		const { items, error } = await requestCode({
			...byPhoneNumber,
			codeMethod: 'SMS',
			language: 'custom',
			customLanguage: 'English',
		});

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Language Code must look like en or en_US (language, then optional _COUNTRY)');
		expect(error?.description).toBe('Received "English". Correct the "Language Code" field and run the node again.');
	});

	it('refuses a language from an expression that is not a language code, before any request', async () => {
		const { items, error } = await requestCode({ ...byPhoneNumber, codeMethod: 'SMS', language: '={{ "en-US" }}' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Language must look like en or en_US (language, then optional _COUNTRY)');
		expect(error?.description).toBe('Received "en-US". Correct the "Language" field and run the node again.');
	});

	it('refuses a code method other than SMS or VOICE, naming the field, before any request', async () => {
		const { items, error } = await requestCode({ ...byPhoneNumber, codeMethod: '={{ "EMAIL" }}', language: 'en_US' });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Code Method must be SMS or VOICE');
		expect(error?.description).toBe('Received "EMAIL". Correct the "Code Method" field and run the node again.');
	});

	it('refuses a pre-verified number ID that is not numeric, before any request', async () => {
		const { items, error } = await requestCode({
			numberType: 'preVerifiedNumber',
			preVerifiedNumberId: { __rl: true, mode: 'id', value: '={{ "+1 555 0100" }}' },
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Pre-Verified Number must be a numeric Graph object ID, such as 106540352242922');
	});

	it('explains error 136024: Meta could not send a code, and when to ask for a new one', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/request_code`), NO_BODY)
			.query({ code_method: 'SMS', language: 'en_US' })
			.reply(400, graphErrorBody(136024, 'Request code error', { error_subcode: 2388091 }));

		const { items, error } = await requestCode({ ...byPhoneNumber, codeMethod: 'SMS', language: 'en_US' });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Meta could not send a one-time code to this number (Request code error)');
		expect(error?.description).toBe(
			'Wait before asking again (too many requests are refused), check that the number can receive SMS or calls, or try the other code method. Graph error 136024, subcode 2388091, fbtrace_id AbCdEfGhIjK_fbtrace.',
		);
	});
});
