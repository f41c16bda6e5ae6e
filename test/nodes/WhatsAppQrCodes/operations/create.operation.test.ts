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
	runQrCodes,
	SVG_BYTES,
} from '../fixtures';

// With the network closed, a validation error proves that no request was sent.
isolateNetwork();

const created = { code: QR_CODE, prefilled_message: 'Cyber Monday deals?', deep_link_url: DEEP_LINK, qr_image_url: IMAGE_URL };

describe('WhatsApp QR Codes: Create', () => {
	it('posts the prefilled message with generate_qr_image PNG, downloads the image without the token and outputs it as binary data', async () => {
		graphApi()
			.post(graphPath(QR_PATH), { prefilled_message: 'Cyber Monday deals?', generate_qr_image: 'PNG' })
			.query({})
			.reply(200, created);
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, PNG_BYTES, { 'Content-Type': 'image/png' });

		const { items, error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: '  Cyber Monday deals?  ', imageFormat: 'PNG' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...created, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(binaryOf(items[0])).toEqual({
			mimeType: 'image/png',
			fileName: `whatsapp-qr-${QR_CODE}.png`,
			fileExtension: 'png',
			bytes: PNG_BYTES,
		});
	});

	it('asks for an SVG and puts it into the binary field the user named', async () => {
		graphApi()
			.post(graphPath(QR_PATH), { prefilled_message: 'Hi', generate_qr_image: 'SVG' })
			.query({})
			.reply(200, { ...created, prefilled_message: 'Hi' });
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, SVG_BYTES, { 'Content-Type': 'image/svg+xml; charset=utf-8' });

		const { items, error } = await runQrCodes({
			operation: 'create',
			phoneNumberId,
			prefilledMessage: 'Hi',
			imageFormat: 'SVG',
			binaryPropertyName: 'qrImage',
		});

		expect(error).toBeUndefined();
		expect(Object.keys(items[0].binary ?? {})).toEqual(['qrImage']);
		expect(binaryOf(items[0], 'qrImage')).toEqual({
			mimeType: 'image/svg+xml',
			fileName: `whatsapp-qr-${QR_CODE}.svg`,
			fileExtension: 'svg',
			bytes: SVG_BYTES,
		});
	});

	it('with No Image sends no generate_qr_image, downloads nothing and outputs the code and link', async () => {
		const { qr_image_url: _none, ...withoutImage } = created;
		graphApi().post(graphPath(QR_PATH), { prefilled_message: 'Hi' }).query({}).reply(200, { ...withoutImage, prefilled_message: 'Hi' });

		const { items, error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'none' });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...withoutImage, prefilled_message: 'Hi', phoneNumberId: PHONE_NUMBER_ID }]);
		expect(items[0].binary).toBeUndefined();
	});

	it('counts 140 characters as Meta does (an emoji is one) and sends them', async () => {
		const message = '😀'.repeat(140);
		graphApi().post(graphPath(QR_PATH), { prefilled_message: message }).query({}).reply(200, { ...created, prefilled_message: message });

		const { error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: message, imageFormat: 'none' });

		expect(error).toBeUndefined();
	});

	it.each([
		['={{ "   " }}', 'Prefilled Message is empty: a QR code needs the message it prefills', 'Received "   ". '],
		['x'.repeat(141), 'Prefilled Message has 141 characters; Meta allows at most 140', `Received "${'x'.repeat(141)}". `],
	])('refuses the prefilled message %#, naming the field and the limit, before any request', async (prefilledMessage, message, shown) => {
		const { items, error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage });

		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(`${shown}Write the message a scan should prefill, in at most 140 characters.`);
	});

	it('refuses a binary field name with spaces before any request', async () => {
		const { error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'PNG', binaryPropertyName: 'qr image' });

		expect(error?.message).toBe('Put Image in Field may contain only letters, digits, _, - and .');
	});

	it('sends Create once, even after a temporary error, because a repeat would create a second code', async () => {
		graphApi()
			.post(graphPath(QR_PATH), { prefilled_message: 'Hi', generate_qr_image: 'PNG' })
			.query({})
			.reply(500, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }));

		const { error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'PNG' });

		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toMatch(/The request was sent once and not repeated: a repeat would create a second QR code \(a number holds at most 2,000\)\./);
	});

	it('says the code exists, and how to get its image, when the download fails after creating it', async () => {
		graphApi().post(graphPath(QR_PATH), { prefilled_message: 'Hi', generate_qr_image: 'PNG' }).query({}).reply(200, created);
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(403, '<html>URL signature expired</html>', { 'Content-Type': 'text/html' });

		const { items, error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'PNG' });

		expect(items).toEqual([]);
		expect(error?.message).toBe(`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address answered HTTP 403`);
		expect(error?.description).toBe(
			`The QR code was created (link ${DEEP_LINK}). Download its image with Get and code ${QR_CODE}; do not run Create again, that would create a second QR code.`,
		);
	});

	it('accepts the image from a CDN that labels it application/octet-stream, by its PNG signature', async () => {
		graphApi().post(graphPath(QR_PATH), { prefilled_message: 'Hi', generate_qr_image: 'PNG' }).query({}).reply(200, created);
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, PNG_BYTES, { 'Content-Type': 'application/octet-stream' });

		const { items, error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'PNG' });

		expect(error).toBeUndefined();
		expect(binaryOf(items[0])).toEqual({ mimeType: 'image/png', fileName: `whatsapp-qr-${QR_CODE}.png`, fileExtension: 'png', bytes: PNG_BYTES });
	});

	it('refuses an answer that is not an image', async () => {
		graphApi().post(graphPath(QR_PATH), { prefilled_message: 'Hi', generate_qr_image: 'PNG' }).query({}).reply(200, created);
		cdn().get(IMAGE_PATH).query(IMAGE_QUERY).reply(200, '<html>Log in</html>', { 'Content-Type': 'text/html; charset=utf-8' });

		const { error } = await runQrCodes({ operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat: 'PNG' });

		expect(error?.message).toBe(`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address answered something other than a PNG image (sent as text/html)`);
	});
});
