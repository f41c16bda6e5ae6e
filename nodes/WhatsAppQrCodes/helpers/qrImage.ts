/**
 * The QR image as n8n binary data. Meta answers an image URL on its CDN; the node downloads
 * it without the access token (the URL is signed), and only from where Meta serves it: https,
 * Meta's CDN or the Base URL's host, no redirect to another host, at most 2 MB, bytes that
 * are the format asked for. The MIME type is the format's, never the server's.
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

import { credentialBaseUrl, isLoopbackHost } from '../../shared/graphBaseUrl';
import { requestTimeoutMs } from '../../shared/graphOperation';
import { parameterOf, getValidatedParameter } from '../../shared/parameters';
import { CREDENTIAL_TYPE } from '../../shared/transport';

export type QrImageFormat = 'PNG' | 'SVG';

const MIME_TYPES: Record<QrImageFormat, string> = { PNG: 'image/png', SVG: 'image/svg+xml' };
const EXTENSIONS: Record<QrImageFormat, string> = { PNG: 'png', SVG: 'svg' };

/** Meta's QR code guide shows qr_image_url on its CDN, such as https://scontent-iad3-2.xx.fbcdn.net/…. */
export const META_CDN_DOMAIN = 'fbcdn.net';

/** A QR image is a few kilobytes; anything past this is not one. */
export const QR_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** Same-host redirects followed (a CDN may move a file within itself); a redirect to another host never is. */
const MAX_REDIRECTS = 3;

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

const binaryPropertyParameter = parameterOf(
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
	if (format) getValidatedParameter(context, binaryPropertyParameter);
	return format;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const SVG_PROLOG = /^(<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!doctype[^>]*>)/i;

/** Content no QR image has, and a browser would run if the SVG were opened. */
const ACTIVE_SVG_CONTENT = /<script|<foreignobject|\son[a-z]+\s*=|javascript:/i;

/** An SVG document: its root element, after any XML declaration, comments or doctype, is `<svg`; nothing active in it. */
function isSvg(bytes: Buffer): boolean {
	let rest = bytes.toString('utf8').replace(/^\uFEFF/, '');
	for (;;) {
		rest = rest.trimStart();
		const prolog = SVG_PROLOG.exec(rest);
		if (!prolog) break;
		rest = rest.slice(prolog[0].length);
	}
	return /^<svg[\s>]/i.test(rest) && !ACTIVE_SVG_CONTENT.test(rest);
}

/** The bytes are an image of the format asked for, by their first bytes, whatever the server called them. */
function isImageOf(format: QrImageFormat, bytes: Buffer): boolean {
	return format === 'PNG' ? bytes.subarray(0, 8).equals(PNG_SIGNATURE) : isSvg(bytes);
}

/**
 * Why the node will not download from this address, or undefined: https only (http only to
 * the Base URL's own host when that is loopback, for the sandbox), and only Meta's CDN or the
 * Base URL's host.
 */
export function imageAddressProblem(address: string, baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		return 'it is not a web address';
	}
	const base = new URL(baseUrl);
	const onBaseHost = url.host === base.host;
	const sandbox = base.protocol === 'http:' && isLoopbackHost(base.hostname) && onBaseHost;
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && sandbox)) return `it uses ${url.protocol.replace(/:$/, '')}, not https`;
	if (url.username || url.password) return 'it carries a user name or password';
	const host = url.hostname.toLowerCase();
	const onCdn = (host === META_CDN_DOMAIN || host.endsWith(`.${META_CDN_DOMAIN}`)) && !url.port;
	if (!onCdn && !onBaseHost) return `its host ${url.host} is neither Meta's CDN (*.${META_CDN_DOMAIN}) nor the credential's Base URL host`;
	return undefined;
}

type ImageStream = AsyncIterable<Buffer> & { destroy(): void };

/** The whole body, or undefined as soon as it passes `limit` bytes (the rest is never read). */
async function readAtMost(body: ImageStream, limit: number): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let length = 0;
	try {
		for await (const chunk of body) {
			length += chunk.length;
			if (length > limit) return undefined;
			chunks.push(chunk);
		}
	} finally {
		body.destroy();
	}
	return Buffer.concat(chunks);
}

function streamOf(response: IN8nHttpFullResponse): ImageStream {
	return response.body as ImageStream;
}

type Download = { bytes: Buffer } | { problem: string };

/** Downloads the image under the rules above, or says in words why it could not. */
async function fetchImage(context: IExecuteSingleFunctions, address: string, format: QrImageFormat, baseUrl: string): Promise<Download> {
	let url = address;
	for (let redirects = 0; ; redirects++) {
		const problem = imageAddressProblem(url, baseUrl);
		if (problem) return { problem: `the image address ${shortAddress(url)} was not fetched: ${problem}` };
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequest({
				method: 'GET',
				url,
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: requestTimeoutMs(context),
			})) as IN8nHttpFullResponse;
		} catch (error) {
			return { problem: `the image address could not be reached (${(error as Error).message})` };
		}
		const status = response.statusCode;
		if (status >= 300 && status < 400) {
			streamOf(response).destroy();
			const location = String(response.headers?.location ?? '');
			if (!location) return { problem: `the image address answered HTTP ${status} without a new address` };
			const next = new URL(location, url);
			if (next.host !== new URL(url).host) return { problem: `the image address redirected to another host (${next.host}), which is not followed` };
			if (redirects >= MAX_REDIRECTS) return { problem: `the image address redirected more than ${MAX_REDIRECTS} times` };
			url = next.href;
			continue;
		}
		if (status !== 200) {
			streamOf(response).destroy();
			return { problem: `the image address answered HTTP ${status}` };
		}
		const bytes = await readAtMost(streamOf(response), QR_IMAGE_MAX_BYTES);
		if (!bytes) return { problem: `the image is larger than ${QR_IMAGE_MAX_BYTES / 1024 / 1024} MB, which no QR image is` };
		if (bytes.length === 0) return { problem: 'the image is empty' };
		if (!isImageOf(format, bytes)) {
			const contentType = String(response.headers?.['content-type'] ?? 'no content type').split(';')[0];
			return { problem: `the image address answered something other than a ${format} image (sent as ${contentType})` };
		}
		return { bytes };
	}
}

/** An address for an error: its origin and path, without the signed query. */
function shortAddress(address: string): string {
	try {
		const url = new URL(address);
		return url.protocol === 'http:' || url.protocol === 'https:' ? `${url.origin}${url.pathname}` : `(${url.protocol} address)`;
	} catch {
		return '(not a web address)';
	}
}

/**
 * A `postReceive` step that downloads each item's `qr_image_url` into the binary field the
 * user named. `whenItFails` says what the user should do then (for Create: the code exists).
 * With On Error: Continue, a failed image keeps the QR code's fields and says why in
 * `imageError`, so a created code is never lost (and never created twice).
 */
export function downloadQrImage(whenItFails: (qrCode: IDataObject) => string): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const format = imageFormatOf(this);
		if (!format) return items;
		const binaryProperty = getValidatedParameter(this, binaryPropertyParameter);
		const node = this.getNode();
		const baseUrl = credentialBaseUrl(await this.getCredentials(CREDENTIAL_TYPE));
		return await Promise.all(
			items.map(async (item) => {
				const code = String(item.json.code ?? '');
				const url = item.json.qr_image_url;
				const download: Download =
					typeof url === 'string' && url ? await fetchImage(this, url, format, baseUrl) : { problem: 'Meta answered without an image URL' };
				if ('bytes' in download) {
					const binary = await this.helpers.prepareBinaryData(download.bytes, `whatsapp-qr-${code}.${EXTENSIONS[format]}`, MIME_TYPES[format]);
					return { ...item, binary: { ...item.binary, [binaryProperty]: binary } };
				}
				const message = `The ${format} image of QR code ${code} could not be downloaded: ${download.problem}`;
				if (this.continueOnFail()) return { ...item, json: { ...item.json, imageError: message } };
				throw new NodeOperationError(node, message, { description: whenItFails(item.json) });
			}),
		);
	};
}
