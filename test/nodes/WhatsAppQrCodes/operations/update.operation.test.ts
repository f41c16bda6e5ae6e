import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { DEEP_LINK, PHONE_NUMBER_ID, phoneNumberId, QR_CODE, QR_PATH, qrCodeById, runQrCodes } from '../fixtures';

isolateNetwork();

describe('WhatsApp QR Codes: Update', () => {
	it('posts the code and the new message to the list edge and outputs the updated code', async () => {
		const updated = { code: QR_CODE, prefilled_message: 'Black Friday deals?', deep_link_url: DEEP_LINK };
		graphApi()
			.post(graphPath(QR_PATH), { code: QR_CODE, prefilled_message: 'Black Friday deals?' })
			.query({})
			.reply(200, updated);

		const { items, error } = await runQrCodes({
			operation: 'update',
			phoneNumberId,
			qrCode: qrCodeById(),
			prefilledMessage: 'Black Friday deals?',
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...updated, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('refuses a new message over 140 characters before any request', async () => {
		const { items, error } = await runQrCodes({
			operation: 'update',
			phoneNumberId,
			qrCode: qrCodeById(),
			prefilledMessage: 'y'.repeat(150),
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Prefilled Message has 150 characters; Meta allows at most 140');
	});
});
