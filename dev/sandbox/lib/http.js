'use strict';

const http = require('node:http');
const https = require('node:https');

const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('Request body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Form fields with Graph's conventions: repeated keys and `name[]` / `name[0]` become arrays. */
function collectFields(pairs) {
	const fields = {};
	for (const [rawKey, value] of pairs) {
		const arrayKey = /^(.+)\[\d*\]$/.exec(rawKey);
		const key = arrayKey ? arrayKey[1] : rawKey;
		if (arrayKey) fields[key] = [...(Array.isArray(fields[key]) ? fields[key] : fields[key] === undefined ? [] : [fields[key]]), value];
		else if (fields[key] === undefined) fields[key] = value;
		else fields[key] = [...(Array.isArray(fields[key]) ? fields[key] : [fields[key]]), value];
	}
	return fields;
}

function parseMultipart(raw, contentType) {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundary) return {};
	const delimiter = `--${boundary[1] ?? boundary[2]}`;
	const pairs = [];
	for (const part of raw.toString('utf8').split(delimiter)) {
		const separator = part.indexOf('\r\n\r\n');
		if (separator < 0) continue;
		const name = /name="([^"]*)"/i.exec(part.slice(0, separator));
		if (name) pairs.push([name[1], part.slice(separator + 4).replace(/\r\n$/, '')]);
	}
	return collectFields(pairs);
}

/** Graph accepts JSON, form-encoded and multipart bodies alike. */
function parseBody(raw, contentType = '') {
	if (!raw.length) return {};
	// A file upload's bytes are not fields.
	if (/^(image|video|application\/(pdf|octet-stream))\b/i.test(contentType)) return {};
	const text = raw.toString('utf8');
	if (/multipart\/form-data/i.test(contentType)) return parseMultipart(raw, contentType);
	if (/json/i.test(contentType) || /^\s*[{[]/.test(text)) {
		try {
			const parsed = JSON.parse(text);
			return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
		} catch {
			const error = new Error('The request body is not valid JSON');
			error.invalidJson = true;
			throw error;
		}
	}
	return collectFields(new URLSearchParams(text));
}

/** One outgoing HTTP request (handshakes and webhook deliveries). Never throws for HTTP errors. */
function send(url, { method = 'GET', headers = {}, body, timeoutMs = 10_000, agent } = {}) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: 0, error: `invalid URL ${url}` });
			return;
		}
		const client = target.protocol === 'https:' ? https : http;
		const started = Date.now();
		const request = client.request(
			target,
			{ method, headers: body ? { 'Content-Length': Buffer.byteLength(body), ...headers } : headers, agent, timeout: timeoutMs },
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: Date.now() - started,
					}),
				);
				response.on('error', (error) => resolve({ status: 0, error: error.message, ms: Date.now() - started }));
			},
		);
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (error) => resolve({ status: 0, error: error.message, ms: Date.now() - started }));
		if (body) request.write(body);
		request.end();
	});
}

module.exports = { readBody, parseBody, send };
