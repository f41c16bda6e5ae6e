import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, QR_PATH, runQrCodes } from '../fixtures';

isolateNetwork();

const qrCodes = (from: number, count: number) =>
	Array.from({ length: count }, (_, index) => {
		const code = `CODE${String(from + index).padStart(9, '0')}1`;
		return { code, prefilled_message: `Message ${from + index}`, deep_link_url: `https://wa.me/message/${code}` };
	});

describe('WhatsApp QR Codes: Get Many', () => {
	it('pages 25 codes at a time, Meta\'s largest page, following the cursor to the end', async () => {
		graphApi()
			.get(graphPath(QR_PATH))
			.query({ limit: '25' })
			.reply(200, { data: qrCodes(0, 25), paging: { cursors: { after: 'MjU=' }, next: 'https://graph.facebook.com/v24.0/next' } })
			.get(graphPath(QR_PATH))
			.query({ limit: '25', after: 'MjU=' })
			.reply(200, { data: qrCodes(25, 2), paging: { cursors: { after: 'Mjc=' } } });

		const { items, error } = await runQrCodes({ operation: 'getAll', phoneNumberId, returnAll: true });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual(qrCodes(0, 27).map((qrCode) => ({ ...qrCode, phoneNumberId: PHONE_NUMBER_ID })));
	});

	it('asks the last page for no more than the Limit still needs', async () => {
		graphApi()
			.get(graphPath(QR_PATH))
			.query({ limit: '25' })
			.reply(200, { data: qrCodes(0, 25), paging: { cursors: { after: 'MjU=' }, next: 'https://graph.facebook.com/v24.0/next' } })
			.get(graphPath(QR_PATH))
			.query({ limit: '5', after: 'MjU=' })
			.reply(200, { data: qrCodes(25, 5), paging: { cursors: { after: 'MzA=' }, next: 'https://graph.facebook.com/v24.0/next' } });

		const { items, error } = await runQrCodes({ operation: 'getAll', phoneNumberId, returnAll: false, limit: 30 });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(30);
		expect(items[29].json).toEqual({ ...qrCodes(29, 1)[0], phoneNumberId: PHONE_NUMBER_ID });
	});
});
