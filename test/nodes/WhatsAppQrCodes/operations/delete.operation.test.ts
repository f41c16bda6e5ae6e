import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, QR_CODE, QR_PATH, qrCodeById, runQrCodes } from '../fixtures';

isolateNetwork();

const noBody = (body: unknown) => body === '' || body === undefined;
const notFound = graphErrorBody(803, 'QR code not found', { type: 'GraphMethodException' });

describe('WhatsApp QR Codes: Delete', () => {
	it('sends DELETE /<PHONE_NUMBER_ID>/message_qrdls/<CODE> without query or body and outputs which code was deleted', async () => {
		graphApi().delete(graphPath(`${QR_PATH}/${QR_CODE}`), noBody).query({}).reply(200, { success: true });

		const { items, error } = await runQrCodes({ operation: 'delete', phoneNumberId, qrCode: qrCodeById() });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, code: QR_CODE, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('deletes again after a temporary error and, finding the code gone, says the first attempt deleted it', async () => {
		graphApi()
			.delete(graphPath(`${QR_PATH}/${QR_CODE}`), noBody)
			.query({})
			.reply(500, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }))
			.delete(graphPath(`${QR_PATH}/${QR_CODE}`), noBody)
			.query({})
			.reply(404, notFound);

		const { items, error } = await runQrCodes({ operation: 'delete', phoneNumberId, qrCode: qrCodeById() });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				success: true,
				code: QR_CODE,
				phoneNumberId: PHONE_NUMBER_ID,
				alreadyDeleted: true,
				note: `The first attempt failed with a temporary error and the retry found QR code ${QR_CODE} already gone, so the first attempt deleted it.`,
			},
		]);
	});

	it('reports a first attempt that finds the code gone as the error it is', async () => {
		graphApi().delete(graphPath(`${QR_PATH}/${QR_CODE}`), noBody).query({}).reply(404, notFound);

		const { items, error } = await runQrCodes({ operation: 'delete', phoneNumberId, qrCode: qrCodeById() });

		expect(items).toEqual([]);
		expect(error?.message).toBe('This phone number has no QR code with that code (QR code not found)');
	});
});
