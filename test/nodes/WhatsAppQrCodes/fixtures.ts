/** Values shared by the WhatsApp QR Codes tests. */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runNode } from '../../harness/engine';
import { testCredentials } from '../../harness/graphMock';

export const PHONE_NUMBER_ID = '106540352242922';
export const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };
export const QR_CODE = '4O4YGZEG3RIVE1';
export const qrCodeById = (code = QR_CODE) => ({ __rl: true, mode: 'id', value: code });
export const DEEP_LINK = `https://wa.me/message/${QR_CODE}`;
export const QR_PATH = `/${PHONE_NUMBER_ID}/message_qrdls`;

/** Meta's CDN, where `qr_image_url` points: a signed address, fetched without the access token. */
export const CDN_ORIGIN = 'https://scontent.xx.fbcdn.net';
export const IMAGE_PATH = `/m1/v/t6/qr-${QR_CODE}`;
export const IMAGE_QUERY = { ccb: '10-5', oh: '00_AfB', oe: '6801A2B3' };
export const IMAGE_URL = `${CDN_ORIGIN}${IMAGE_PATH}?ccb=10-5&oh=00_AfB&oe=6801A2B3`;

/** A real 1×1 PNG and a small SVG, as the CDN serves them. */
export const PNG_BYTES = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);
export const SVG_BYTES = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 25 25"><path d="M0 0h7v7H0z"/></svg>', 'utf8');

/** The CDN answers only requests that carry no Authorization header. */
export function cdn(): nock.Scope {
	return nock(CDN_ORIGIN, { badheaders: ['authorization'] });
}

export async function runQrCodes(parameters: INodeParameters) {
	return await runNode({ type: 'whatsAppQrCodes', parameters, credentials: testCredentials });
}

/** A binary property with its bytes decoded, for one comparison. */
export function binaryOf(item: INodeExecutionData, property = 'data') {
	const binary = item.binary?.[property];
	if (!binary) return undefined;
	const { data, mimeType, fileName, fileExtension } = binary;
	return { mimeType, fileName, fileExtension, bytes: Buffer.from(data, 'base64') };
}
