/**
 * The profile photo upload against a Graph stand-in that answers as an attacker would
 * (127.0.0.1, reached through a Base URL with a path prefix, as a routing proxy has), with
 * 127.0.0.2 as the other host; and a 1 GB photo in filesystem binary mode, refused from its
 * metadata before a byte of it is read.
 */
import { truncate, readdir, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import { jsonOf } from '../../../harness/engine';
import { isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { hostilePair } from '../../../harness/hostileHosts';
import { APP_ID, itemWithFile, JPEG_BYTES, PHONE_NUMBER_ID, phoneNumberId, runProfile } from '../fixtures';

isolateNetwork();
const hosts = hostilePair();

// n8n-core's own copy of the DI container, where its binary helpers look the service up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] })) as typeof import('@n8n/di');

const withPhoto = { operation: 'updateProfile', phoneNumberId, profileFields: {}, profilePhoto: 'binary', photoBinaryPropertyName: 'data' };

/** The credential pointed at the stand-in, behind a proxy path prefix. */
function viaProxy() {
	return { ...testCredentials, baseUrl: `${hosts.graph.origin}/graph-proxy` };
}

describe('Profile photo upload: IDs from answers', () => {
	it('refuses an upload session ID that climbs out of the API path, and sends neither token nor bytes with it', async () => {
		hosts.graph.route('POST', `/graph-proxy/v24.0/${APP_ID}/uploads`, { status: 200, body: { id: `upload:abc/../../../steal?x=${hosts.other.origin}` } });

		const { items, error } = await runProfile(withPhoto, { input: [itemWithFile(JPEG_BYTES)], credentials: viaProxy() });

		expect(items).toEqual([]);
		expect(error?.message).toBe('The ID in the answer to "Profile photo upload, step 1 of 2 (starting an upload session)" is not an upload session ID (upload:…)');
		expect(error?.description).toContain('nothing was sent with it');
		// Only the session start reached the stand-in: no /steal, no bytes, no profile update.
		expect(hosts.graph.received.map(({ method, url }) => `${method} ${url.split('?')[0]}`)).toEqual([`POST /graph-proxy/v24.0/${APP_ID}/uploads`]);
		expect(hosts.graph.received[0].headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
		expect(hosts.other.received).toEqual([]);
	});

	it("uploads to the session Meta named, under the Base URL's path prefix, with its signature query", async () => {
		const sessionId = 'upload:MTphdHRhY2htZW50OjVlNjBmNTQ4?sig=ARZzDqRo';
		hosts.graph.route('POST', `/graph-proxy/v24.0/${APP_ID}/uploads`, { status: 200, body: { id: sessionId } });
		hosts.graph.route('POST', '/graph-proxy/v24.0/upload:MTphdHRhY2htZW50OjVlNjBmNTQ4', { status: 200, body: { h: '4::aGFuZGxl:ARY' } });
		hosts.graph.route('POST', `/graph-proxy/v24.0/${PHONE_NUMBER_ID}/whatsapp_business_profile`, { status: 200, body: { success: true } });

		const { items, error } = await runProfile(withPhoto, { input: [itemWithFile(JPEG_BYTES)], credentials: viaProxy() });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, updatedFields: [], profilePhotoUploaded: true, phoneNumberId: PHONE_NUMBER_ID }]);
		const [start, bytes, profile] = hosts.graph.received;
		expect(start.url).toBe(`/graph-proxy/v24.0/${APP_ID}/uploads?file_length=${JPEG_BYTES.length}&file_type=image%2Fjpeg&file_name=profile.jpg`);
		expect(bytes.url).toBe('/graph-proxy/v24.0/upload:MTphdHRhY2htZW50OjVlNjBmNTQ4?sig=ARZzDqRo');
		expect(bytes.headers.authorization).toBe(`OAuth ${TEST_ACCESS_TOKEN}`);
		expect(bytes.body.equals(JPEG_BYTES)).toBe(true);
		expect(JSON.parse(profile.body.toString())).toEqual({ messaging_product: 'whatsapp', profile_picture_handle: '4::aGFuZGxl:ARY' });
		expect(hosts.graph.received).toHaveLength(3);
		expect(hosts.other.received).toEqual([]);
	});
});

describe('Profile photo upload: sized before it is read (filesystem binary mode)', () => {
	const ONE_GB = 1024 * 1024 * 1024;
	let storage: string;
	let service: BinaryDataService;
	let hugePhoto: INodeExecutionData;

	beforeAll(async () => {
		storage = await mkdtemp(path.join(tmpdir(), 'wa-binary-'));
		service = Container.get(BinaryDataService);
		Object.assign((service as unknown as { config: object }).config, { mode: 'filesystem', localStoragePath: storage });
		await service.init();
		const stored = await service.store({ type: 'execution', workflowId: 'w1', executionId: '1' }, JPEG_BYTES, {
			data: '',
			mimeType: 'image/jpeg',
			fileName: 'huge.jpg',
		});
		// The stored file becomes 1 GB (sparse on disk), and its metadata says so, as for a real upload.
		const file = service.getPath(stored.id!);
		await truncate(file, ONE_GB);
		const metadataFile = (await readdir(path.dirname(file))).find((name) => name.endsWith('.metadata'))!;
		await writeFile(path.join(path.dirname(file), metadataFile), JSON.stringify({ fileName: 'huge.jpg', mimeType: 'image/jpeg', fileSize: ONE_GB }));
		hugePhoto = { json: {}, binary: { data: { ...stored, fileSize: '1 GB' } } };
	});

	afterAll(async () => {
		if (!service) return;
		Object.assign((service as unknown as { config: object }).config, { mode: 'default' });
		await service.init();
		await rm(storage, { recursive: true, force: true });
	});

	afterEach(() => jest.restoreAllMocks());

	it('refuses a 1 GB photo from its metadata: not a byte read, nothing sent', async () => {
		const readBuffer = jest.spyOn(service, 'getAsBuffer');
		const readStream = jest.spyOn(service, 'getAsStream');
		const heapBefore = process.memoryUsage().heapUsed;

		const { items, error } = await runProfile(withPhoto, { input: [hugePhoto], credentials: { ...testCredentials, baseUrl: hosts.graph.origin } });

		expect(items).toEqual([]);
		expect(error?.message).toBe('The profile photo "huge.jpg" is too large (1024.0 MB)');
		expect(readBuffer).not.toHaveBeenCalled();
		expect(readStream).not.toHaveBeenCalled();
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
		expect(hosts.graph.received).toEqual([]);
	});

	it('checks the App ID before looking at the photo at all', async () => {
		const readMetadata = jest.spyOn(service, 'getMetadata');

		const { error } = await runProfile(withPhoto, { input: [hugePhoto], credentials: { ...testCredentials, baseUrl: hosts.graph.origin, appId: '' } });

		expect(error?.message).toBe('The credential has no App ID, which the profile photo upload needs');
		expect(readMetadata).not.toHaveBeenCalled();
		expect(hosts.graph.received).toEqual([]);
	});

	it('uploads a photo stored on disk, read through a capped stream', async () => {
		const small = await service.store({ type: 'execution', workflowId: 'w1', executionId: '2' }, JPEG_BYTES, { data: '', mimeType: 'image/jpeg', fileName: 'small.jpg' });
		hosts.graph.route('POST', `/v24.0/${APP_ID}/uploads`, { status: 200, body: { id: 'upload:c21hbGw?sig=AB' } });
		hosts.graph.route('POST', '/v24.0/upload:c21hbGw', { status: 200, body: { h: '4::c21hbGw:AR' } });
		hosts.graph.route('POST', `/v24.0/${PHONE_NUMBER_ID}/whatsapp_business_profile`, { status: 200, body: { success: true } });
		const readBuffer = jest.spyOn(service, 'getAsBuffer');

		const { items, error } = await runProfile(withPhoto, {
			input: [{ json: {}, binary: { data: small } }],
			credentials: { ...testCredentials, baseUrl: hosts.graph.origin },
		});

		expect(error).toBeUndefined();
		expect(items[0].json.profilePhotoUploaded).toBe(true);
		expect(readBuffer).not.toHaveBeenCalled();
		expect(hosts.graph.received[1].body.equals(JPEG_BYTES)).toBe(true);
		expect(hosts.graph.received[0].url).toContain(`file_length=${JPEG_BYTES.length}&`);
	});
});
