/**
 * The node against the Graph sandbox, end to end through the engine: the requests the node
 * sends are the ones the sandbox accepts, and the image is downloaded from where Meta's answer points.
 */
import { inflateSync } from 'node:zlib';

import nock from 'nock';

import { createSandbox } from '../../../dev/sandbox/server';
import { runNode } from '../../harness/engine';
import { binaryOf } from './fixtures';

const sandbox = createSandbox({ now: '2026-03-01T12:00:00Z' });
const PHONE_NUMBER_ID = '106540352242922';
const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

beforeAll(async () => {
	await sandbox.start({ port: 0 });
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterAll(async () => {
	nock.enableNetConnect();
	await sandbox.stop();
});
beforeEach(() => sandbox.reset());

async function run(type: string, parameters: Record<string, unknown>) {
	const { accessToken, appId, appSecret, webhookVerifyToken } = sandbox.credentials;
	return await runNode({
		type,
		parameters: parameters as never,
		credentials: { accessToken, appId, appSecret, webhookVerifyToken, baseUrl: sandbox.url, graphApiVersion: 'v24.0' },
	});
}

describe('WhatsApp QR Codes against the Graph sandbox', () => {
	it('creates a code with its PNG, lists, updates and deletes it, one Graph call each and one download per image', async () => {
		const created = await run('whatsAppQrCodes', { operation: 'create', phoneNumberId, prefilledMessage: 'Store hours?', imageFormat: 'PNG' });
		expect(created.error).toBeUndefined();
		const code = String(created.items[0].json.code);
		const image = binaryOf(created.items[0]);
		expect(image).toMatchObject({ mimeType: 'image/png', fileName: `whatsapp-qr-${code}.png`, fileExtension: 'png' });
		expect(image?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
		const side = image?.bytes.readUInt32BE(16) ?? 0;
		expect(inflateSync(image?.bytes.subarray(41, 41 + (image?.bytes.readUInt32BE(33) ?? 0)) ?? Buffer.alloc(0)).length).toBe(side * (side + 1));

		const listed = await run('whatsAppQrCodes', { operation: 'getAll', phoneNumberId, returnAll: true });
		expect(listed.items.map((item) => item.json)).toEqual([
			{ code, prefilled_message: 'Store hours?', deep_link_url: `https://wa.me/message/${code}`, phoneNumberId: PHONE_NUMBER_ID },
		]);

		const qrCode = { __rl: true, mode: 'url', value: `https://wa.me/message/${code}` };
		const updated = await run('whatsAppQrCodes', { operation: 'update', phoneNumberId, qrCode, prefilledMessage: 'Opening hours?' });
		expect(updated.items[0].json).toMatchObject({ code, prefilled_message: 'Opening hours?' });

		const got = await run('whatsAppQrCodes', { operation: 'get', phoneNumberId, qrCode, imageFormat: 'SVG', binaryPropertyName: 'qr' });
		expect(binaryOf(got.items[0], 'qr')?.bytes.toString('utf8')).toMatch(/^<svg /);

		const deleted = await run('whatsAppQrCodes', { operation: 'delete', phoneNumberId, qrCode });
		expect(deleted.items[0].json).toEqual({ success: true, code, phoneNumberId: PHONE_NUMBER_ID });

		expect(sandbox.counts.endpoints).toEqual({
			'POST /{phone_number}/message_qrdls': 2,
			'GET /{phone_number}/message_qrdls': 1,
			'GET /{phone_number}/message_qrdls/{code}': 1,
			'DELETE /{phone_number}/message_qrdls/{code}': 1,
			'GET /qr-images/{code}': 2,
		});
	});
});

describe('WhatsApp Settings local storage against the Graph sandbox', () => {
	it('is refused on the registered number with the deregister advice, and set once it is deregistered', async () => {
		const refused = await run('whatsAppSettings', { operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: 'DE' });
		expect(refused.error?.message).toMatch(/^Local storage can only be changed while the number is not registered/);

		sandbox.world.phones.get(PHONE_NUMBER_ID).status = 'DISCONNECTED';
		const set = await run('whatsAppSettings', { operation: 'setLocalStorage', phoneNumberId, localStorage: 'enabled', dataLocalizationRegion: 'DE' });
		expect(set.error).toBeUndefined();

		const read = await run('whatsAppSettings', { operation: 'getLocalStorage', phoneNumberId });
		expect(read.items.map((item) => item.json)).toEqual([
			{
				// Graph's settings as the sandbox sends them, ours beside them.
				calling: { status: 'DISABLED' },
				storage_configuration: { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: 'DE' },
				user_identity_change: { enable_identity_key_check: true },
				localStorageEnabled: true,
				status: 'IN_COUNTRY_STORAGE_ENABLED',
				dataLocalizationRegion: 'DE',
				phoneNumberId: PHONE_NUMBER_ID,
			},
		]);

		await run('whatsAppSettings', { operation: 'setLocalStorage', phoneNumberId, localStorage: 'disabled' });
		expect((await run('whatsAppSettings', { operation: 'getLocalStorage', phoneNumberId })).items[0].json).toMatchObject({
			localStorageEnabled: false,
			status: 'DEFAULT',
		});
	});
});
