import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const STATUS_FIELDS = 'certificate,new_certificate,name_status,new_name_status';

function getDisplayNameStatus() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getDisplayNameStatus', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Display Name Status & Certificate', () => {
	it('reads the four status fields and says the approved certificate can be downloaded now', async () => {
		const status = {
			id: PHONE_NUMBER_ID,
			certificate: 'AbCdEfGhIjKlMnOpQrStUvWxYz',
			new_certificate: '123AbCdEfGhIjKlMnOpQrStUvWxYz',
			name_status: 'APPROVED',
			new_name_status: 'AVAILABLE_WITHOUT_REVIEW',
		};
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: STATUS_FIELDS }).reply(200, status);

		const { items, error } = await getDisplayNameStatus();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...status,
				phoneNumberId: PHONE_NUMBER_ID,
				canDownloadCertificate: true,
				nameStatusMeaning:
					'The display name has been approved. You can download the certificate now (it is valid for 7 days).',
				canDownloadNewCertificate: true,
				newNameStatusMeaning:
					'The display name can be used without review. You can download the certificate now (it is valid for 7 days).',
			},
		]);
	});

	it('says a name under review has no certificate yet, and passes an unknown status through with a neutral meaning', async () => {
		const status = { id: PHONE_NUMBER_ID, name_status: 'PENDING_REVIEW', new_name_status: 'IN_APPEAL' };
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: STATUS_FIELDS }).reply(200, status);

		const { items, error } = await getDisplayNameStatus();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...status,
				phoneNumberId: PHONE_NUMBER_ID,
				canDownloadCertificate: false,
				nameStatusMeaning: 'The display name request is under review. You cannot download a certificate yet.',
				canDownloadNewCertificate: false,
				newNameStatusMeaning:
					'Meta reports the status "IN_APPEAL", which this node does not know; check the number in WhatsApp Manager.',
			},
		]);
	});

	it('explains a certificate error (131045) with what to do', async () => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}`))
			.query({ fields: STATUS_FIELDS })
			.reply(400, graphErrorBody(131045, 'Incorrect certificate'));

		const { items, error } = await getDisplayNameStatus();

		expect(items).toEqual([]);
		expect(error?.message).toBe('The number has no valid certificate (Incorrect certificate)');
		expect(error?.description).toMatch(/Register the phone number first/);
	});
});
