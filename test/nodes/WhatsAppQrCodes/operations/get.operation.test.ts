import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../../harness/graphMock';
import {
	binaryOf,
	cdn,
	DEEP_LINK,
	IMAGE_PATH,
	IMAGE_QUERY,
	IMAGE_URL,
	PHONE_NUMBER_ID,
	phoneNumberId,
	PNG_BYTES,
	QR_CODE,
	QR_PATH,
	qrCodeById,
	runQrCodes,
	SVG_BYTES,
} from '../fixtures';

isolateNetwork();

const qrCode = { code: QR_CODE, prefilled_message: 'Store hours?', deep_link_url: DEEP_LINK };

describe('WhatsApp QR Codes: Get', () => {
	it('asks for the image URL in the chosen format, unwraps Meta\'s data array and outputs the image as binary data', async () => {
		graphApi()
			.get(graphPath(`${QR_PATH}/${QR_CODE}`))
			.query({ fields: 'code,prefilled_message,deep_link_url,qr_image_url.format(SVG)' })
			.reply(200, { data: [{ ...qrCode, qr_image_url: IMAGE_URL }] });
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, SVG_BYTES, { 'Content-Type': 'image/svg+xml' });

		const { items, error } = await runQrCodes({ operation: 'get', phoneNumberId, qrCode: qrCodeById(), imageFormat: 'SVG' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...qrCode, qr_image_url: IMAGE_URL, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(binaryOf(items[0])).toEqual({
			mimeType: 'image/svg+xml',
			fileName: `whatsapp-qr-${QR_CODE}.svg`,
			fileExtension: 'svg',
			bytes: SVG_BYTES,
		});
	});

	it('without an image asks for Graph\'s default fields only and downloads nothing', async () => {
		graphApi().get(graphPath(`${QR_PATH}/${QR_CODE}`)).query({}).reply(200, { data: [qrCode] });

		const { items, error } = await runQrCodes({ operation: 'get', phoneNumberId, qrCode: qrCodeById(), imageFormat: 'none' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...qrCode, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(items[0].binary).toBeUndefined();
	});

	it('takes the code from a pasted wa.me link', async () => {
		graphApi()
			.get(graphPath(`${QR_PATH}/${QR_CODE}`))
			.query({ fields: 'code,prefilled_message,deep_link_url,qr_image_url.format(PNG)' })
			.reply(200, { data: [{ ...qrCode, qr_image_url: IMAGE_URL }] });
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, PNG_BYTES, { 'Content-Type': 'image/png' });

		const { items, error } = await runQrCodes({
			operation: 'get',
			phoneNumberId,
			qrCode: { __rl: true, mode: 'url', value: DEEP_LINK },
			imageFormat: 'PNG',
		});

		expect(error).toBeUndefined();
		expect(items[0].json.code).toBe(QR_CODE);
		expect(binaryOf(items[0])?.bytes).toEqual(PNG_BYTES);
	});

	it('refuses a code that is not 14 letters and digits, naming the field, before any request', async () => {
		const { items, error } = await runQrCodes({ operation: 'get', phoneNumberId, qrCode: qrCodeById('={{ "4O4YGZ-EG3" }}') });

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'QR Code must be the 14-character code of a QR code, such as 4O4YGZEG3RIVE1, or its https://wa.me/message/… link',
		);
		expect(error?.description).toMatch(/^Received "4O4YGZ-EG3"\. Pick the QR code From List/);
	});

	it('says so when Meta answers an empty data array for the code', async () => {
		graphApi().get(graphPath(`${QR_PATH}/${QR_CODE}`)).query({}).reply(200, { data: [] });

		const { items, error } = await runQrCodes({ operation: 'get', phoneNumberId, qrCode: qrCodeById(), imageFormat: 'none' });

		expect(items).toEqual([]);
		expect(error?.message).toBe(`This phone number has no QR code with that code: ${QR_CODE}`);
		expect(error?.description).toMatch(/^The code was deleted, or belongs to another phone number/);
	});

	it('explains a code the number does not have (error 803), keeping Meta\'s message', async () => {
		graphApi()
			.get(graphPath(`${QR_PATH}/${QR_CODE}`))
			.query({})
			.reply(404, graphErrorBody(803, 'QR code not found', { type: 'GraphMethodException' }));

		const { error } = await runQrCodes({ operation: 'get', phoneNumberId, qrCode: qrCodeById(), imageFormat: 'none' });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('This phone number has no QR code with that code (QR code not found)');
		expect(error?.description).toMatch(/^The code was deleted, or belongs to another phone number\. Pick the QR code From List/);
		expect(error?.description).toMatch(/Graph error 803, fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
