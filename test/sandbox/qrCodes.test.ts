import { inflateSync } from 'node:zlib';

import { CONNECTED_NUMBER_ID, FLAGGED_NUMBER_ID, graphError, useSandbox } from './helpers';

const { sandbox, graph } = useSandbox();

const qrCodes = `/${CONNECTED_NUMBER_ID}/message_qrdls`;

async function create(prefilled_message: string, generate_qr_image?: string) {
	return await graph(qrCodes, { method: 'POST', json: { prefilled_message, ...(generate_qr_image ? { generate_qr_image } : {}) } });
}

async function download(url: string) {
	const response = await fetch(url);
	return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('Graph sandbox: QR codes and short links', () => {
	it('creates a code with a 14-character code, a wa.me link and, when asked, an image URL outside the Graph paths', async () => {
		const created = await create('Cyber Monday', 'PNG');
		expect(created.status).toBe(200);
		expect(created.body).toEqual({
			code: expect.stringMatching(/^[A-Z0-9]{14}$/),
			prefilled_message: 'Cyber Monday',
			deep_link_url: `https://wa.me/message/${created.body.code}`,
			qr_image_url: `${sandbox.url}/qr-images/${created.body.code}.png`,
		});
		const withoutImage = await create('Opening hours?');
		expect(withoutImage.body).not.toHaveProperty('qr_image_url');
	});

	it('serves a real PNG and a real SVG for a code, without a token, and counts each download', async () => {
		const { code } = (await create('Hello', 'SVG')).body;
		sandbox.resetCounts();
		const png = await download(`${sandbox.url}/qr-images/${code}.png`);
		expect(png.status).toBe(200);
		expect(png.contentType).toBe('image/png');
		expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(png.bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
		const side = png.bytes.readUInt32BE(16);
		expect(png.bytes.readUInt32BE(20)).toBe(side);
		const idatLength = png.bytes.readUInt32BE(33);
		expect(png.bytes.subarray(37, 41).toString('ascii')).toBe('IDAT');
		expect(inflateSync(png.bytes.subarray(41, 41 + idatLength)).length).toBe(side * (side + 1));

		const svg = await download(`${sandbox.url}/qr-images/${code}.svg`);
		expect(svg.contentType).toBe('image/svg+xml');
		expect(svg.bytes.toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<path fill="#000" d="M/);
		expect(sandbox.counts.endpoints).toEqual({ 'GET /qr-images/{code}': 2 });

		expect((await download(`${sandbox.url}/qr-images/AAAAAAAAAAAAA1.png`)).status).toBe(404);
	});

	it('lists newest first, 25 at most per page, with cursors, the image URL when the fields ask for a format, and filters by code', async () => {
		const made: string[] = [];
		for (let index = 0; index < 27; index++) made.push((await create(`Message ${index}`)).body.code);
		const first = await graph(`${qrCodes}?fields=code,prefilled_message,qr_image_url.format(SVG)`);
		expect(first.body.data).toHaveLength(25);
		expect(first.body.data[0]).toEqual({
			code: made[26],
			prefilled_message: 'Message 26',
			deep_link_url: `https://wa.me/message/${made[26]}`,
			qr_image_url: `${sandbox.url}/qr-images/${made[26]}.svg`,
		});
		const second = await graph(`${qrCodes}?after=${first.body.paging.cursors.after}`);
		expect(second.body.data.map((entry: { code: string }) => entry.code)).toEqual([made[1], made[0]]);
		expect(second.body.paging.next).toBeUndefined();

		expect((await graph(`${qrCodes}?code=${made[3]}`)).body.data).toEqual([
			{ code: made[3], prefilled_message: 'Message 3', deep_link_url: `https://wa.me/message/${made[3]}` },
		]);
		expect(graphError(await graph(`${qrCodes}?limit=26`)).message).toMatch(/limit must be an integer between 1 and 25/);
		// Another number has its own codes.
		expect((await graph(`/${FLAGGED_NUMBER_ID}/message_qrdls`)).body).toEqual({ data: [] });
	});

	it('reads one code inside a data array, updates its message through the list edge and deletes it', async () => {
		const { code } = (await create('Before')).body;
		const one = await graph(`${qrCodes}/${code}?fields=code,prefilled_message,deep_link_url,qr_image_url.format(PNG)`);
		expect(one.body).toEqual({
			data: [{ code, prefilled_message: 'Before', deep_link_url: `https://wa.me/message/${code}`, qr_image_url: `${sandbox.url}/qr-images/${code}.png` }],
		});

		const updated = await graph(qrCodes, { method: 'POST', json: { code, prefilled_message: 'After' } });
		expect(updated.body).toEqual({ code, prefilled_message: 'After', deep_link_url: `https://wa.me/message/${code}` });

		sandbox.resetCounts();
		expect((await graph(`${qrCodes}/${code}`, { method: 'DELETE' })).body).toEqual({ success: true });
		expect(sandbox.counts.endpoints).toEqual({ 'DELETE /{phone_number}/message_qrdls/{code}': 1 });
		const again = await graph(`${qrCodes}/${code}`, { method: 'DELETE' });
		expect(again.status).toBe(404);
		expect(graphError(again)).toMatchObject({ code: 803, type: 'GraphMethodException' });
		expect((await download(`${sandbox.url}/qr-images/${code}.png`)).status).toBe(404);
	});

	it("answers Meta's errors: prefilled message missing or over 140 characters, bad format, bad or unknown code, the 2,000 cap", async () => {
		expect(graphError(await create('   ')).message).toMatch(/prefilled_message is required/);
		expect((await create('😀'.repeat(140))).status).toBe(200);
		expect(graphError(await create('x'.repeat(141))).message).toBe('(#100) Invalid prefilled_message length. Maximum 140 characters allowed');
		expect(graphError(await create('Hi', 'GIF')).message).toMatch(/generate_qr_image must be one of \{PNG, SVG\}/);
		expect(graphError(await graph(`${qrCodes}/short`)).message).toMatch(/Expected 14-character alphanumeric string/);
		expect(graphError(await graph(qrCodes, { method: 'POST', json: { code: 'ZZZZZZZZZZZZZ1', prefilled_message: 'x' } })).code).toBe(803);

		for (let index = 0; index < 2000 - 1; index++) sandbox.world.qrCodes.get(CONNECTED_NUMBER_ID).set(`FILL${String(index).padStart(10, '0')}`, { id: `F${index}`, code: `F${index}`, prefilled_message: 'x' });
		const refused = graphError(await create('One too many'));
		expect(refused.code).toBe(100);
		expect(refused.message).toMatch(/already has 2000 QR codes/);
	});
});
