import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const STATUS_FIELDS = 'verified_name,certificate,name_status,new_display_name,new_certificate,new_name_status';

function getDisplayNameStatus() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getDisplayNameStatus', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Display Name Status & Certificate', () => {
	it('reads both names with their statuses and certificates, says the approved certificate can be downloaded now and that the new name needs Register', async () => {
		const status = {
			id: PHONE_NUMBER_ID,
			verified_name: 'Jasper Market',
			new_display_name: 'Jasper Market & Deli',
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
				newNameNextStep:
					"Once it is approved, register the number again (Register) within 14 days so the new name takes effect; after that it must be reviewed again. Register and Deregister share Meta's limit of 10 calls per number in 72 hours.",
			},
		]);
	});

	it.each([
		['PENDING_REVIEW', /phone_number_name_update webhook .* announces the decision/],
		['DECLINED', /follow Meta's display name guidelines and change it again \(Change Display Name\)/],
		['EXPIRED', /was not registered within 14 days; change the display name again/],
	])('says what to do next while a requested name is %s', async (newNameStatus, nextStep) => {
		const status = { id: PHONE_NUMBER_ID, name_status: 'APPROVED', new_display_name: 'Jasper Deli', new_name_status: newNameStatus };
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: STATUS_FIELDS }).reply(200, status);

		const { items, error } = await getDisplayNameStatus();

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({ ...status, phoneNumberId: PHONE_NUMBER_ID, newNameNextStep: expect.stringMatching(nextStep) });
	});

	it('adds no next step when no name change is under way', async () => {
		const status = { id: PHONE_NUMBER_ID, verified_name: 'Jasper Market', name_status: 'APPROVED' };
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: STATUS_FIELDS }).reply(200, status);

		const { items, error } = await getDisplayNameStatus();

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).not.toHaveProperty('newNameNextStep');
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
