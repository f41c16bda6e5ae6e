/**
 * The QR image as n8n binary data. Meta answers an image URL on its CDN; the node downloads
 * it without the access token (the URL is signed, and the token never leaves for another host).
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { operationSession } from '../../shared/graphOperation';
import { fieldOf, getValidatedParameter } from '../../shared/parameters';
import { sendGraphRequest } from '../../shared/transport';

export type QrImageFormat = 'PNG' | 'SVG';

const MIME_TYPES: Record<QrImageFormat, string> = { PNG: 'image/png', SVG: 'image/svg+xml' };
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/svg+xml': 'svg' };

export const imageFormatProperty: INodeProperties = {
	displayName: 'Image',
	name: 'imageFormat',
	type: 'options',
	default: 'PNG',
	options: [
		{ name: 'No Image', value: 'none', description: 'Only the code and its wa.me link' },
		{ name: 'PNG', value: 'PNG', description: 'A PNG picture, for e-mails, documents and print' },
		{ name: 'SVG', value: 'SVG', description: 'A vector picture that scales to any print size' },
	],
	description: 'Whether to download the QR code as an image into the output item\'s binary data',
};

export const binaryPropertyProperty: INodeProperties = {
	displayName: 'Put Image in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	description: 'The binary field of the output item that receives the image, as a Send Email or Write File node reads it',
	displayOptions: { show: { imageFormat: ['PNG', 'SVG'] } },
};

const binaryPropertyField = fieldOf(
	binaryPropertyProperty,
	z.string().trim().regex(/^[\w.-]+$/, 'may contain only letters, digits, _, - and .'),
);

/** The image format the user asked for, or undefined for none. */
function imageFormatOf(context: IExecuteSingleFunctions): QrImageFormat | undefined {
	const format = context.getNodeParameter(imageFormatProperty.name, 'none');
	return format === 'PNG' || format === 'SVG' ? format : undefined;
}

/** For a `preSend`: the image format asked for, its binary field checked before any request. */
export function wantedImageFormat(context: IExecuteSingleFunctions): QrImageFormat | undefined {
	const format = imageFormatOf(context);
	if (format) getValidatedParameter(context, binaryPropertyField);
	return format;
}

function contentTypeOf(response: IN8nHttpFullResponse): string {
	return String(response.headers?.['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes are an image of the format, whatever content type a CDN gave them (octet-stream…). */
function looksLike(format: QrImageFormat, bytes: Buffer): boolean {
	if (format === 'PNG') return bytes.subarray(0, 8).equals(PNG_SIGNATURE);
	return bytes.subarray(0, 1024).toString('utf8').includes('<svg');
}

/**
 * A `postReceive` step that downloads each item's `qr_image_url` into the binary field the
 * user named. `whenItFails` says what the user should do then (for Create: the code exists).
 */
export function downloadQrImage(whenItFails: (qrCode: IDataObject) => string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const format = imageFormatOf(this);
		if (!format) return items;
		const binaryProperty = getValidatedParameter(this, binaryPropertyField);
		const node = this.getNode();
		const session = await operationSession(this);
		return await Promise.all(
			items.map(async (item) => {
				const code = String(item.json.code ?? '');
				const fail = (problem: string) =>
					new NodeOperationError(node, `The ${format} image of QR code ${code} could not be downloaded: ${problem}`, {
						description: whenItFails(item.json),
					});
				const url = item.json.qr_image_url;
				if (typeof url !== 'string' || !url) throw fail('Meta answered without an image URL');
				let response: IN8nHttpFullResponse;
				try {
					// No credential goes with it (`auth: 'none'`): the link is signed, and on another host.
					const answer = await sendGraphRequest(this, session, { method: 'GET', url, auth: 'none', expected: 'bytes', repeat: 'read' });
					if ('alreadyDone' in answer) throw new Error('Meta answered without the image');
					response = answer.response;
				} catch (error) {
					throw fail((error as Error).message);
				}
				const contentType = contentTypeOf(response);
				if (response.statusCode !== 200) throw fail(`the image address answered HTTP ${response.statusCode}`);
				const bytes = Buffer.from(response.body as ArrayBuffer);
				if (bytes.length === 0) throw fail('the image is empty');
				if (!contentType.startsWith('image/') && !looksLike(format, bytes)) {
					throw fail(`the image address answered ${contentType || 'no content type'} instead of an image`);
				}
				const mimeType = EXTENSIONS[contentType] ? contentType : MIME_TYPES[format];
				const fileName = `whatsapp-qr-${code}.${EXTENSIONS[mimeType]}`;
				const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
				return { ...item, binary: { ...item.binary, [binaryProperty]: binary } };
			}),
		);
	};
}
