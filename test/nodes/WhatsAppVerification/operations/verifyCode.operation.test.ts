import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';

// With the network closed, a validation error proves that no request was sent.
isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const PRE_VERIFIED_ID = '735310491839127';
const NO_BODY = (body: unknown) => body === '';

const byPhoneNumber = { numberType: 'phoneNumber', phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID } };
const byPreVerifiedNumber = {
	numberType: 'preVerifiedNumber',
	preVerifiedNumberId: { __rl: true, mode: 'id', value: PRE_VERIFIED_ID },
};

/**
 * n8n-core copies the node, with the parameters as typed, into a failed run's error. An
 * expression keeps the literal out of the workflow, so a search of the run finds only
 * what the node itself leaked.
 */
function fedByExpression(secret: string): string {
	return `={{ ${JSON.stringify(secret.slice(0, 3))} + ${JSON.stringify(secret.slice(3))} }}`;
}

async function verifyCode(parameters: INodeParameters) {
	return await runNode({
		type: 'whatsAppVerification',
		parameters: { operation: 'verifyCode', ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Verification: Verify Code', () => {
	it('sends the code as the SMS shows it (123-456) without the hyphen and reports the number as VERIFIED', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/verify_code`), NO_BODY)
			.query({ code: '123456' })
			.reply(200, { success: true });

		const { items, error } = await verifyCode({ ...byPhoneNumber, code: '123-456' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID, codeVerificationStatus: 'VERIFIED' }]);
	});

	it('verifies a pre-verified number with a code typed without the hyphen', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), NO_BODY)
			.query({ code: '654321' })
			.reply(200, { success: true });

		const { items, error } = await verifyCode({ ...byPreVerifiedNumber, code: ' 654321 ' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, id: PRE_VERIFIED_ID, preVerifiedNumberId: PRE_VERIFIED_ID, codeVerificationStatus: 'VERIFIED' }]);
	});

	it('does not claim VERIFIED when Meta answers without success', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/verify_code`), NO_BODY)
			.query({ code: '123456' })
			.reply(200, { success: false });

		const { items } = await verifyCode({ ...byPhoneNumber, code: '123456' });

		expect(jsonOf(items)).toEqual([{ success: false, id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('explains error 136025 (wrong or expired code) with advice to request a new code, and never shows the code', async () => {
		graphApi()
			.post(graphPath(`/${PRE_VERIFIED_ID}/verify_code`), NO_BODY)
			.query({ code: '482913' })
			.reply(
				400,
				graphErrorBody(136025, 'Verify code error: code 482913 is not valid', {
					error_user_msg: 'The code 482913 you entered is incorrect.',
					error_data: { details: 'Code 482913 expired' },
				}),
			);

		const { run, items, error } = await verifyCode({ ...byPreVerifiedNumber, code: fedByExpression('482-913') });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The one-time code was wrong or has expired (The code [redacted] you entered is incorrect.)');
		expect(error?.description).toMatch(/request a new code and verify that one/);
		expect(error?.description).toMatch(/Graph error 136025, fbtrace_id AbCdEfGhIjK_fbtrace/);
		const wholeRun = JSON.stringify(run);
		expect(wholeRun).not.toContain('482913');
		expect(wholeRun).not.toContain('482-913');
	});

	it('refuses a code with letters, naming the field and never echoing the code, before any request', async () => {
		const { run, items, error } = await verifyCode({ ...byPhoneNumber, code: fedByExpression('48a913') });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'One-Time Code must be the 6-digit code from the SMS or call, such as 123456 or 123-456',
		);
		expect(error?.description).toBe('Correct the "One-Time Code" field and run the node again.');
		expect(JSON.stringify(run)).not.toContain('48a913');
	});

	it('refuses an empty code before any request', async () => {
		const { error } = await verifyCode({ ...byPhoneNumber, code: '={{ "" }}' });

		expect(error?.message).toMatch(/^One-Time Code must be the 6-digit code/);
		expect(error?.description).toBe(
			'"One-Time Code" is empty. Correct the "One-Time Code" field and run the node again.',
		);
	});
});
