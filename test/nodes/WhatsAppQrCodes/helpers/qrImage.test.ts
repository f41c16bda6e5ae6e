/**
 * The QR image download against a Graph stand-in on 127.0.0.1 (the credential's loopback Base
 * URL, as for the sandbox) that answers `qr_image_url` as an attacker would, with 127.0.0.2 as
 * the other host it points at: what reached which host, and what the item holds.
 */
import type { INode } from 'n8n-workflow';

import { jsonOf, runNode } from '../../../harness/engine';
import { isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { hostilePair, type HostAnswer } from '../../../harness/hostileHosts';
import { binaryOf, DEEP_LINK, PHONE_NUMBER_ID, phoneNumberId, PNG_BYTES, QR_CODE, SVG_BYTES } from '../fixtures';

isolateNetwork();
const hosts = hostilePair();

const CREATE_PATH = `/v24.0/${PHONE_NUMBER_ID}/message_qrdls`;
const GET_PATH = `/v24.0/${PHONE_NUMBER_ID}/message_qrdls/${QR_CODE}`;
const IMAGE_PATH = `/qr/${QR_CODE}.img`;

/** Create answers with this image address; the image host answers as given. */
function createAnswering(imageUrl: string) {
	hosts.graph.route('POST', CREATE_PATH, { status: 200, body: { code: QR_CODE, prefilled_message: 'Hi', deep_link_url: DEEP_LINK, qr_image_url: imageUrl } });
}

async function create(imageFormat: 'PNG' | 'SVG', onError?: INode['onError']) {
	return await runNode({
		type: 'whatsAppQrCodes',
		parameters: { operation: 'create', phoneNumberId, prefilledMessage: 'Hi', imageFormat },
		credentials: { ...testCredentials, baseUrl: hosts.graph.origin },
		onError,
	});
}

/** Every request each host received, as `METHOD path [auth]`. */
function traffic() {
	const show = (host: typeof hosts.graph) =>
		host.received.map(({ method, url, headers }) => `${method} ${url}${headers.authorization ? ` [${headers.authorization}]` : ''}`);
	return { graph: show(hosts.graph), other: show(hosts.other) };
}

const created = { code: QR_CODE, prefilled_message: 'Hi', deep_link_url: DEEP_LINK, phoneNumberId: PHONE_NUMBER_ID };
const createSent = `POST ${CREATE_PATH} [Bearer ${TEST_ACCESS_TOKEN}]`;

describe('QR image download: where from', () => {
	it("does not fetch an address on another host (a cloud metadata address), and keeps the created code's fields with On Error: Continue", async () => {
		const imageUrl = `${hosts.other.origin}/latest/meta-data/iam/security-credentials`;
		createAnswering(imageUrl);

		const { items, error } = await create('PNG', 'continueRegularOutput');

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				...created,
				qr_image_url: imageUrl,
				imageError: `The PNG image of QR code ${QR_CODE} could not be downloaded: the image address ${hosts.other.origin}/latest/meta-data/iam/security-credentials was not fetched: it uses http, not https`,
			},
		]);
		expect(items[0].binary).toBeUndefined();
		expect(traffic()).toEqual({ graph: [createSent], other: [] });
	});

	it('refuses an https address outside Meta\'s CDN and the Base URL host, before any request to it', async () => {
		createAnswering('https://images.example.com/qr.png');

		const { error } = await create('PNG');

		expect(error?.message).toBe(
			`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address https://images.example.com/qr.png was not fetched: its host images.example.com is neither Meta's CDN (*.fbcdn.net) nor the credential's Base URL host`,
		);
		expect(error?.description).toContain('do not run Create again');
		expect(traffic()).toEqual({ graph: [createSent], other: [] });
	});

	it('refuses a data: URL', async () => {
		createAnswering(`data:image/png;base64,${PNG_BYTES.toString('base64')}`);

		const { error } = await create('PNG');

		expect(error?.message).toBe(`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address (data: address) was not fetched: it uses data, not https`);
		expect(traffic()).toEqual({ graph: [createSent], other: [] });
	});

	it('does not follow a redirect to another host; the token never goes with the image request', async () => {
		createAnswering(`${hosts.graph.origin}${IMAGE_PATH}`);
		hosts.graph.route('GET', IMAGE_PATH, { status: 302, headers: { location: `${hosts.other.origin}/latest/meta-data/` } });

		const { error } = await create('PNG');

		expect(error?.message).toBe(
			`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address redirected to another host (127.0.0.2:${new URL(hosts.other.origin).port}), which is not followed`,
		);
		expect(traffic()).toEqual({ graph: [createSent, `GET ${IMAGE_PATH}`], other: [] });
	});

	it('follows a redirect within the same host', async () => {
		createAnswering(`${hosts.graph.origin}${IMAGE_PATH}`);
		hosts.graph.route('GET', IMAGE_PATH, { status: 302, headers: { location: '/qr/moved.png' } });
		hosts.graph.route('GET', '/qr/moved.png', { status: 200, body: PNG_BYTES, headers: { 'content-type': 'image/png' } });

		const { items, error } = await create('PNG');

		expect(error).toBeUndefined();
		expect(binaryOf(items[0])?.bytes).toEqual(PNG_BYTES);
		expect(traffic()).toEqual({ graph: [createSent, `GET ${IMAGE_PATH}`, 'GET /qr/moved.png'], other: [] });
	});
});

describe('QR image download: what is kept', () => {
	function imageAnswers(answer: HostAnswer) {
		createAnswering(`${hosts.graph.origin}${IMAGE_PATH}`);
		hosts.graph.route('GET', IMAGE_PATH, answer);
	}

	it('refuses an SVG with a script when PNG was asked for, whatever its content type says', async () => {
		imageAnswers({ status: 200, body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', headers: { 'content-type': 'image/svg+xml' } });

		const { items, error } = await create('PNG', 'continueRegularOutput');

		expect(error).toBeUndefined();
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json.imageError).toBe(
			`The PNG image of QR code ${QR_CODE} could not be downloaded: the image address answered something other than a PNG image (sent as image/svg+xml)`,
		);
	});

	it('refuses an SVG that carries a script even when SVG was asked for', async () => {
		imageAnswers({ status: 200, body: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="fetch(1)"><path d="M0 0h7v7H0z"/></svg>', headers: { 'content-type': 'image/svg+xml' } });

		const { error } = await create('SVG');

		expect(error?.message).toContain('answered something other than a SVG image (sent as image/svg+xml)');
	});

	it('refuses an HTML page that contains an <svg> when SVG was asked for', async () => {
		imageAnswers({ status: 200, body: '<!doctype html><html><body><svg viewBox="0 0 1 1"></svg><form action="/login"></form></body></html>', headers: { 'content-type': 'image/svg+xml' } });

		const { error } = await create('SVG');

		expect(error?.message).toContain('answered something other than a SVG image');
	});

	it("takes the MIME type from the format asked for, never from the server's header", async () => {
		imageAnswers({ status: 200, body: SVG_BYTES, headers: { 'content-type': 'image/png' } });

		const { items, error } = await create('SVG');

		expect(error).toBeUndefined();
		expect(binaryOf(items[0])).toEqual({ mimeType: 'image/svg+xml', fileName: `whatsapp-qr-${QR_CODE}.svg`, fileExtension: 'svg', bytes: SVG_BYTES });
		expect(traffic()).toEqual({ graph: [createSent, `GET ${IMAGE_PATH}`], other: [] });
	});

	it('stops reading a 64 MB body at 2 MB instead of buffering it', async () => {
		const SIXTY_FOUR_MB = 64 * 1024 * 1024;
		imageAnswers({ status: 200, body: PNG_BYTES, headers: { 'content-type': 'image/png' }, streamBytes: SIXTY_FOUR_MB });
		const heapBefore = process.memoryUsage().heapUsed;

		const { error } = await create('PNG');

		expect(error?.message).toBe(`The PNG image of QR code ${QR_CODE} could not be downloaded: the image is larger than 2 MB, which no QR image is`);
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(SIXTY_FOUR_MB);
		// The node hung up: the server never got to send the whole body.
		expect(hosts.graph.received[1].sentBytes).toBeLessThan(SIXTY_FOUR_MB);
	});

	it('Get keeps the code and says what failed when its image cannot be read, with On Error: Continue', async () => {
		hosts.graph.route('GET', GET_PATH, { status: 200, body: { data: [{ code: QR_CODE, prefilled_message: 'Hi', deep_link_url: DEEP_LINK, qr_image_url: `${hosts.graph.origin}${IMAGE_PATH}` }] } });
		hosts.graph.route('GET', IMAGE_PATH, { status: 404, body: 'gone' });

		const { items, error } = await runNode({
			type: 'whatsAppQrCodes',
			parameters: { operation: 'get', phoneNumberId, qrCode: { __rl: true, mode: 'id', value: QR_CODE }, imageFormat: 'PNG' },
			credentials: { ...testCredentials, baseUrl: hosts.graph.origin },
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ code: QR_CODE, deep_link_url: DEEP_LINK, imageError: `The PNG image of QR code ${QR_CODE} could not be downloaded: the image address answered HTTP 404` });
	});
});
