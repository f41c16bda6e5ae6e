/** Values shared by the WhatsApp Business Profile tests. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/engine';
import { GRAPH_ORIGIN, TEST_ACCESS_TOKEN, testCredentials } from '../../harness/graphMock';

export const NODE_TYPE = 'whatsAppBusinessProfile';
export const PHONE_NUMBER_ID = '106540352242922';
export const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };
export const APP_ID = testCredentials.appId;

/** The first bytes of a JPEG and a PNG file, then some body: enough for the type check. */
export const JPEG_BYTES = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF lucky shrub photo'), Buffer.from([0xff, 0xd9])]);
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR lucky shrub logo')]);

/** An input item carrying a file in a binary field, as HTTP Request or Read Files gives it (no file name when it is empty). */
export function itemWithFile(
	bytes: Buffer,
	{ property = 'data', mimeType = 'image/jpeg', fileName = 'profile.jpg' } = {},
): INodeExecutionData {
	return { json: {}, binary: { [property]: { data: bytes.toString('base64'), mimeType, ...(fileName ? { fileName } : {}) } } };
}

export async function runProfile(parameters: INodeParameters, { input, credentials = testCredentials }: { input?: INodeExecutionData[]; credentials?: typeof testCredentials } = {}) {
	return await runNode({ type: NODE_TYPE, parameters, credentials, input });
}

/** Meta's upload endpoint: `Authorization: OAuth <token>` and `file_offset: 0`. */
export function uploadApi(): nock.Scope {
	return nock(GRAPH_ORIGIN, { reqheaders: { authorization: `OAuth ${TEST_ACCESS_TOKEN}`, file_offset: '0' } });
}

/** A request body as nock hands it over (a hex string for bytes that are not text). */
export function bytesOf(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	const text = String(body);
	return /^[0-9a-f]*$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'utf8');
}
