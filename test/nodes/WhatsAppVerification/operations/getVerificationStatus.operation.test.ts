import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';

isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const PRE_VERIFIED_ID = '735310491839127';

describe('WhatsApp Verification: Get Verification Status', () => {
	it('reads only code_verification_status of a business phone number', async () => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}`))
			.query({ fields: 'code_verification_status' })
			.reply(200, { code_verification_status: 'NOT_VERIFIED', id: PHONE_NUMBER_ID });

		const { items, error } = await runNode({
			type: 'whatsAppVerification',
			parameters: {
				operation: 'getVerificationStatus',
				numberType: 'phoneNumber',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ code_verification_status: 'NOT_VERIFIED', codeVerificationStatus: 'NOT_VERIFIED', id: PHONE_NUMBER_ID, phoneNumberId: PHONE_NUMBER_ID },
		]);
	});

	it('reads the status, verification time and expiry of a pre-verified number, times as ISO', async () => {
		graphApi()
			.get(graphPath(`/${PRE_VERIFIED_ID}`))
			.query({ fields: 'code_verification_status,code_verification_time,verification_expiry_time' })
			.reply(200, {
				code_verification_status: 'VERIFIED',
				code_verification_time: '2026-03-02T09:15:00+0000',
				verification_expiry_time: '2026-05-31T09:15:00+0000',
				id: PRE_VERIFIED_ID,
			});

		const { items, error } = await runNode({
			type: 'whatsAppVerification',
			parameters: {
				operation: 'getVerificationStatus',
				numberType: 'preVerifiedNumber',
				preVerifiedNumberId: { __rl: true, mode: 'id', value: PRE_VERIFIED_ID },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				code_verification_status: 'VERIFIED',
				code_verification_time: '2026-03-02T09:15:00+0000',
				verification_expiry_time: '2026-05-31T09:15:00+0000',
				codeVerificationStatus: 'VERIFIED',
				codeVerificationTime: '2026-03-02T09:15:00.000Z',
				verificationExpiryTime: '2026-05-31T09:15:00.000Z',
				id: PRE_VERIFIED_ID,
				preVerifiedNumberId: PRE_VERIFIED_ID,
			},
		]);
	});

	it('passes an unknown status and a number picked from the list through unchanged', async () => {
		graphApi()
			.get(graphPath(`/${PRE_VERIFIED_ID}`))
			.query({ fields: 'code_verification_status,code_verification_time,verification_expiry_time' })
			.reply(200, { code_verification_status: 'EXPIRED', id: PRE_VERIFIED_ID });

		const { items, error } = await runNode({
			type: 'whatsAppVerification',
			parameters: {
				operation: 'getVerificationStatus',
				numberType: 'preVerifiedNumber',
				businessId: { __rl: true, mode: 'id', value: '880011223344' },
				preVerifiedNumberId: { __rl: true, mode: 'list', value: PRE_VERIFIED_ID },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ code_verification_status: 'EXPIRED', codeVerificationStatus: 'EXPIRED', id: PRE_VERIFIED_ID, preVerifiedNumberId: PRE_VERIFIED_ID },
		]);
	});
});
