'use strict';

/**
 * QR codes and short links of a business phone number (`/<PHONE_NUMBER_ID>/message_qrdls`),
 * and the images behind `qr_image_url`, served as Meta's CDN would (no token needed).
 */
const crypto = require('node:crypto');
const zlib = require('node:zlib');

const { GraphError, errors } = require('./errors');
const { paginate } = require('./fields');

/** Meta: a scan prefills up to 140 characters; a number holds up to 2,000 codes; a page up to 25. */
const PREFILLED_MESSAGE_MAX_LENGTH = 140;
const QR_CODES_PER_NUMBER = 2000;
const QR_PAGE_SIZE_MAX = 25;
const IMAGE_FORMATS = { PNG: { extension: 'png', contentType: 'image/png' }, SVG: { extension: 'svg', contentType: 'image/svg+xml' } };
/** Where the sandbox serves the images, outside the Graph paths, as Meta's CDN is another host. */
const IMAGE_PATH = 'qr-images';
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const success = { success: true };

function codesOf(world, phone) {
	if (!world.qrCodes.has(phone.id)) world.qrCodes.set(phone.id, new Map());
	return world.qrCodes.get(phone.id);
}

/** 14 characters, like Meta's (`4O4YGZEG3RIVE1`). */
function newCode(world) {
	for (;;) {
		const bytes = crypto.randomBytes(13);
		const code = [...bytes].map((byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('') + '1';
		if (![...world.qrCodes.values()].some((codes) => codes.has(code))) return code;
	}
}

function prefilledMessage(params) {
	const text = params.prefilled_message === undefined || params.prefilled_message === null ? '' : String(params.prefilled_message);
	if (!text.trim()) throw errors.invalidParameter('The parameter prefilled_message is required');
	if ([...text].length > PREFILLED_MESSAGE_MAX_LENGTH) {
		throw errors.invalidParameter(`Invalid prefilled_message length. Maximum ${PREFILLED_MESSAGE_MAX_LENGTH} characters allowed`);
	}
	return text;
}

function imageFormat(value) {
	if (value === undefined || value === '') return undefined;
	const format = String(value).toUpperCase();
	if (!IMAGE_FORMATS[format]) throw errors.invalidParameter('Param generate_qr_image must be one of {PNG, SVG}');
	return format;
}

/** `qr_image_url.format(SVG)` in the fields asks for the image URL in that format. */
function formatInFields(fields) {
	if (fields === undefined) return undefined;
	const match = /qr_image_url\.format\((\w+)\)/i.exec(String(fields));
	if (match) return imageFormat(match[1]);
	if (/(^|,)\s*qr_image_url\s*(,|$)/.test(String(fields))) throw errors.invalidParameter('Field qr_image_url needs a format: qr_image_url.format(PNG) or qr_image_url.format(SVG)');
	return undefined;
}

function qrCodeNotFound(code) {
	return new GraphError({
		type: 'GraphMethodException',
		code: 803,
		status: 404,
		message: `QR code not found: ${code}`,
		title: 'QR Code Not Found',
		userMessage: "The QR code you're trying to access doesn't exist or has been deleted",
	});
}

function checkCode(code) {
	if (!/^[A-Za-z0-9]{14}$/.test(String(code))) {
		throw errors.invalidParameter('Invalid QR code ID format. Expected 14-character alphanumeric string');
	}
	return String(code);
}

function view(request, entry, format) {
	const body = { code: entry.code, prefilled_message: entry.prefilled_message, deep_link_url: `https://wa.me/message/${entry.code}` };
	if (format) body.qr_image_url = `${request.origin}/${IMAGE_PATH}/${entry.code}.${IMAGE_FORMATS[format].extension}`;
	return body;
}

/** `/<PHONE_NUMBER_ID>/message_qrdls[/<CODE>]`: list, create or update, read, delete. */
function handleQrCodes(world, request, phone) {
	const { method, params } = request;
	const codes = codesOf(world, phone);
	const [pathCode] = request.extra ?? [];
	if (pathCode === undefined && method === 'GET') {
		if (params.limit !== undefined && params.limit !== '') {
			const limit = Number(params.limit);
			if (!Number.isInteger(limit) || limit < 1 || limit > QR_PAGE_SIZE_MAX) {
				throw errors.invalidParameter(`Param limit must be an integer between 1 and ${QR_PAGE_SIZE_MAX}`);
			}
		}
		const format = formatInFields(params.fields);
		// Newest first, as Meta lists them.
		let entries = [...codes.values()].reverse();
		if (params.code) entries = entries.filter((entry) => entry.code === String(params.code));
		return paginate(entries, { limit: QR_PAGE_SIZE_MAX, ...params }, { pageUrl: request.pageUrl, render: (entry) => view(request, entry, format) });
	}
	if (pathCode === undefined && method === 'POST') {
		const text = prefilledMessage(params);
		if (params.code !== undefined && params.code !== '') {
			const entry = codes.get(checkCode(params.code));
			if (!entry) throw qrCodeNotFound(params.code);
			entry.prefilled_message = text;
			return view(request, entry, imageFormat(params.generate_qr_image));
		}
		if (codes.size >= QR_CODES_PER_NUMBER) {
			throw errors.invalidParameter(`This phone number already has ${QR_CODES_PER_NUMBER} QR codes and short links, the most Meta allows. Delete one before creating another.`);
		}
		const format = imageFormat(params.generate_qr_image);
		const code = newCode(world);
		const entry = { id: code, code, prefilled_message: text };
		codes.set(code, entry);
		return view(request, entry, format);
	}
	if (pathCode !== undefined && (method === 'GET' || method === 'DELETE')) {
		const entry = codes.get(checkCode(pathCode));
		if (!entry) throw qrCodeNotFound(pathCode);
		if (method === 'DELETE') {
			codes.delete(entry.code);
			return success;
		}
		// Meta answers one code inside a data array, like the list.
		return { data: [view(request, entry, formatInFields(params.fields))] };
	}
	throw errors.unsupported(method, phone.id);
}

// Images -------------------------------------------------------------------------------------

const QR_MODULES = 21;
const QUIET_ZONE = 2;
const MODULE_PIXELS = 4;

/** A QR-looking module grid (finder patterns, data from the code's hash). Not scannable. */
function moduleGrid(code) {
	const bits = crypto.createHash('sha256').update(code).digest();
	const dark = (x, y) => {
		for (const [fx, fy] of [[0, 0], [QR_MODULES - 7, 0], [0, QR_MODULES - 7]]) {
			if (x >= fx && x < fx + 7 && y >= fy && y < fy + 7) {
				const dx = Math.min(x - fx, fx + 6 - x);
				const dy = Math.min(y - fy, fy + 6 - y);
				return Math.min(dx, dy) !== 1;
			}
			if (x >= fx - 1 && x <= fx + 7 && y >= fy - 1 && y <= fy + 7) return false;
		}
		const index = y * QR_MODULES + x;
		return ((bits[index % bits.length] >> (index % 8)) & 1) === 1;
	};
	const size = QR_MODULES + 2 * QUIET_ZONE;
	return Array.from({ length: size }, (_, y) =>
		Array.from({ length: size }, (_, x) => {
			const mx = x - QUIET_ZONE;
			const my = y - QUIET_ZONE;
			return mx >= 0 && my >= 0 && mx < QR_MODULES && my < QR_MODULES && dark(mx, my);
		}),
	);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** An 8-bit grayscale PNG of the grid. */
function pngOf(grid) {
	const side = grid.length * MODULE_PIXELS;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(side, 0);
	header.writeUInt32BE(side, 4);
	header.set([8, 0, 0, 0, 0], 8);
	const rows = [];
	for (const row of grid) {
		const line = Buffer.alloc(1 + side);
		row.forEach((isDark, x) => line.fill(isDark ? 0 : 255, 1 + x * MODULE_PIXELS, 1 + (x + 1) * MODULE_PIXELS));
		for (let repeat = 0; repeat < MODULE_PIXELS; repeat++) rows.push(line);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

function svgOf(grid) {
	const side = grid.length;
	const path = grid.flatMap((row, y) => row.map((isDark, x) => (isDark ? `M${x} ${y}h1v1h-1z` : ''))).join('');
	return Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" width="${side * MODULE_PIXELS}" height="${side * MODULE_PIXELS}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`,
		'utf8',
	);
}

/**
 * `GET /qr-images/<CODE>.<png|svg>`: `{status, contentType, body}`. A deleted code's image
 * is gone too (Meta's CDN links also stop working).
 */
function qrImage(world, fileName) {
	const match = /^([A-Za-z0-9]{14})\.(png|svg)$/.exec(String(fileName ?? ''));
	const exists = match && [...world.qrCodes.values()].some((codes) => codes.has(match[1]));
	if (!exists) return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not found') };
	const grid = moduleGrid(match[1]);
	return match[2] === 'png'
		? { status: 200, contentType: IMAGE_FORMATS.PNG.contentType, body: pngOf(grid) }
		: { status: 200, contentType: IMAGE_FORMATS.SVG.contentType, body: svgOf(grid) };
}

module.exports = { handleQrCodes, qrImage, IMAGE_PATH, PREFILLED_MESSAGE_MAX_LENGTH, QR_CODES_PER_NUMBER, QR_PAGE_SIZE_MAX };
