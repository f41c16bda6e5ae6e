#!/usr/bin/env node
'use strict';

/**
 * A local stand-in for Meta's Graph API (WhatsApp Business Management), for tests,
 * benchmarks and trying the package without a Meta account. Listens on 127.0.0.1 only.
 *
 *   node dev/sandbox/server.js --port 8090 [--fixture path|fleet] [--now 2026-05-01T00:00:00Z]
 *
 * In process: `const sandbox = createSandbox({ fixture }); await sandbox.start({ port: 0 });`
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { World } = require('./lib/world');
const { handleGraphRequest, patternOf } = require('./lib/graph');
const { qrImage, IMAGE_PATH } = require('./lib/qrCodes');
const { readBody, parseBody } = require('./lib/http');
const { newTraceId, errors } = require('./lib/errors');
const { graphTime, DAY_MS, HOUR_MS } = require('./lib/time');
const webhooks = require('./webhooks');
const { routeOf } = require('./lib/routing');

const DEFAULT_FIXTURE = path.join(__dirname, 'fixtures', 'default.json');
const DEFAULT_VERSION = 'v24.0';
const HOST = '127.0.0.1';
const CALL_LOG_LIMIT = 10_000;
const MAX_DELIVERIES = 10_000;

const DEV_ENDPOINTS = [
	['GET', '/__sandbox', 'this index: credentials, clock and endpoints'],
	['GET', '/__sandbox/clock', 'the sandbox clock'],
	['POST', '/__sandbox/clock', 'move the clock: {"advanceDays": 50} | {"advanceHours": 72} | {"now": "2026-05-01T00:00:00Z"}'],
	['GET', '/__sandbox/codes/<ID>', 'the latest one-time code of a phone-number or pre-verified ID (stands in for the SMS)'],
	['POST', '/__sandbox/claim', 'Embedded Signup stand-in: {"preverified_id", "waba_id", "verified_name"}'],
	['POST', '/__sandbox/display-name-review', 'Meta\'s display-name review: {"phone_number_id", "decision": "APPROVED"|"REJECTED"}; answers the phone_number_name_update value'],
	['POST', '/__sandbox/oba-review', 'Meta\'s Official Business Account review: {"phone_number_id", "decision": "APPROVED"|"REJECTED"}'],
	['POST', '/__sandbox/webhooks/send', 'signed delivery, to where Meta would send it (number override, WABA override, app callback) unless "callbackUrl" is given: {"payload"|"kind"+"params", "callbackUrl"?, "signature": "valid"|"forged"|"none", "count"?, "concurrency"?}'],
	['GET', '/__sandbox/calls', 'Graph calls per endpoint pattern and in total (?log=1 adds the call log)'],
	['POST', '/__sandbox/calls/reset', 'zero the call counts'],
	['POST', '/__sandbox/reset', 'reload the fixture (body {"fixture": {...}} loads another one)'],
	['GET', '/__sandbox/state', 'the whole world as JSON, sandbox-only fields included'],
];

function loadFixture(fixture) {
	if (fixture === undefined || fixture === null) return JSON.parse(fs.readFileSync(DEFAULT_FIXTURE, 'utf8'));
	if (fixture === 'fleet') return require('./fixtures/fleet').generateFleet();
	if (typeof fixture === 'string') return JSON.parse(fs.readFileSync(path.resolve(fixture), 'utf8'));
	return fixture;
}

class DevError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function createSandbox({ fixture, token, appId, appSecret, verifyToken, now, latencyMs = 0 } = {}) {
	const world = new World(loadFixture(fixture), { token, appId, appSecret, verifyToken, now });
	/** How long each Graph answer waits, to stand in for the round trip to Meta (benchmarks). */
	let graphLatencyMs = latencyMs;
	let server;
	let origin;
	let counts = { total: 0, endpoints: {}, log: [] };

	function resetCounts() {
		counts = { total: 0, endpoints: {}, log: [] };
	}

	function countCall(method, pathname, pattern, status) {
		counts.total += 1;
		counts.endpoints[pattern] = (counts.endpoints[pattern] ?? 0) + 1;
		counts.log.push({ at: graphTime(world.now()), method, path: pathname, pattern, status });
		if (counts.log.length > CALL_LOG_LIMIT) counts.log.shift();
	}

	function countsSnapshot({ withLog = false } = {}) {
		const snapshot = { total: counts.total, endpoints: { ...counts.endpoints } };
		if (withLog) snapshot.log = [...counts.log];
		return snapshot;
	}

	function claim({ preverified_id, waba_id, verified_name }) {
		const entry = world.pool.get(String(preverified_id ?? ''));
		if (!entry) throw new DevError(404, `No pre-verified number with ID ${preverified_id}`);
		const waba = world.wabas.get(String(waba_id ?? ''));
		if (!waba) throw new DevError(404, `No WhatsApp Business account with ID ${waba_id}`);
		if (!verified_name) throw new DevError(400, 'verified_name is required');
		const phone = world.claim(entry, waba, String(verified_name));
		return {
			id: phone.id,
			display_phone_number: phone.display_phone_number,
			code_verification_status: phone.code_verification_status,
			waba_id: waba.id,
			preverified_id: entry.id,
			last_onboarded_time: graphTime(phone.lastOnboardedAt),
		};
	}

	function reviewDisplayName({ phone_number_id, decision }) {
		const phone = world.phones.get(String(phone_number_id ?? ''));
		if (!phone) throw new DevError(404, `No business phone number with ID ${phone_number_id}`);
		if (!['APPROVED', 'REJECTED'].includes(decision)) throw new DevError(400, 'decision must be "APPROVED" or "REJECTED"');
		try {
			return world.reviewDisplayName(phone, decision);
		} catch (error) {
			throw new DevError(409, error.message);
		}
	}

	function reviewOfficialBusinessAccount({ phone_number_id, decision }) {
		const phone = world.phones.get(String(phone_number_id ?? ''));
		if (!phone) throw new DevError(404, `No business phone number with ID ${phone_number_id}`);
		if (!['APPROVED', 'REJECTED'].includes(decision)) throw new DevError(400, 'decision must be "APPROVED" or "REJECTED"');
		try {
			return world.reviewOfficialBusinessAccount(phone, decision);
		} catch (error) {
			throw new DevError(409, error.message);
		}
	}

	function defaultWebhookParams(params = {}) {
		const phone =
			world.phones.get(String(params.phoneNumberId ?? '')) ??
			[...world.phones.values()].find((candidate) => !params.wabaId || candidate.waba_id === String(params.wabaId));
		const wabaId = params.wabaId ?? phone?.waba_id ?? world.wabas.keys().next().value;
		const waba = world.wabas.get(String(wabaId));
		return {
			wabaId,
			businessId: waba?.business_id,
			ownerBusinessId: waba?.owner_business_info?.id ?? waba?.business_id,
			phoneNumberId: phone?.id,
			displayPhoneNumber: phone?.display_phone_number,
			phoneNumber: phone?.display_phone_number,
			time: world.now(),
			...params,
		};
	}

	/** Builds (or takes) a payload and posts it signed to the app's callback, like Meta. */
	async function sendWebhook({ payload, kind, params, callbackUrl, signature = 'valid', count = 1, concurrency = 10, headers, rawBody } = {}) {
		if (!['valid', 'forged', 'none'].includes(signature)) throw new DevError(400, 'signature must be "valid", "forged" or "none"');
		let body = payload;
		if (body === undefined && rawBody === undefined) {
			const build = webhooks.builders[kind];
			if (!build) throw new DevError(400, `Give "payload", "rawBody" or "kind" (one of ${Object.keys(webhooks.builders).join(', ')})`);
			body = build(defaultWebhookParams(params));
		}
		const parsed = body ?? JSON.parse(rawBody);
		const object = parsed?.object ?? 'whatsapp_business_account';
		const subscription = world.appSubscriptions.get(object);
		// Without a callbackUrl, the delivery goes where Meta would send it (overrides included).
		const route = callbackUrl ? { url: callbackUrl, via: 'callbackUrl' } : routeOf(world, parsed, subscription);
		const url = route.url;
		if (!url) throw new DevError(400, `No callbackUrl given and the app has no subscription for ${object}`);
		const total = Number(count) || 1;
		if (total > MAX_DELIVERIES) throw new DevError(400, `count is at most ${MAX_DELIVERIES}`);
		const warnings = [];
		for (const entry of parsed?.entry ?? []) {
			const waba = world.wabas.get(String(entry.id));
			if (waba && !waba.sandbox.subscribedApps.length) warnings.push(`WABA ${entry.id} has no subscribed app; Meta would not deliver this`);
			for (const change of entry.changes ?? []) {
				if (subscription && !subscription.fields.some((field) => field.name === change.field)) {
					warnings.push(`the app is not subscribed to field ${change.field}; Meta would not deliver this`);
				}
			}
		}
		const result = await webhooks.deliver({
			url,
			payload: body,
			rawBody,
			appSecret: world.credentials.appSecret,
			signature,
			count: total,
			concurrency,
			headers,
		});
		return { ...result, via: route.via, payload: parsed, warnings };
	}

	async function handleDev(method, segments, query, req) {
		const [, action, ...rest] = segments;
		const body = method === 'POST' ? parseBody(await readBody(req), req.headers['content-type']) : {};
		world.applyTime();
		if (!action && method === 'GET') return index();
		if (action === 'clock' && method === 'GET') return { now: graphTime(world.now()) };
		if (action === 'clock' && method === 'POST') {
			if (body.now !== undefined) world.setNow(body.now);
			const advance =
				(Number(body.advanceDays) || 0) * DAY_MS + (Number(body.advanceHours) || 0) * HOUR_MS + (Number(body.advanceMinutes) || 0) * 60_000 + (Number(body.advanceMs) || 0);
			if (advance) world.advance(advance);
			return { now: graphTime(world.now()) };
		}
		if (action === 'codes' && method === 'GET' && rest.length === 1) {
			const code = world.latestCode(rest[0]);
			if (!code) throw new DevError(404, `No one-time code was requested for ${rest[0]}`);
			return code;
		}
		if (action === 'claim' && method === 'POST') return claim(body);
		if (action === 'display-name-review' && method === 'POST') return reviewDisplayName(body);
		if (action === 'oba-review' && method === 'POST') return reviewOfficialBusinessAccount(body);
		if (action === 'calls' && method === 'GET' && !rest.length) return countsSnapshot({ withLog: query.get('log') === '1' });
		if (action === 'calls' && method === 'POST' && rest[0] === 'reset') {
			resetCounts();
			return { success: true };
		}
		if (action === 'reset' && method === 'POST') {
			reset(body.fixture);
			return { success: true, now: graphTime(world.now()) };
		}
		if (action === 'state' && method === 'GET') return { ...world.snapshot(), handshakes: world.handshakes ?? [] };
		if (action === 'webhooks' && rest[0] === 'send' && method === 'POST') return sendWebhook(body);
		throw new DevError(404, `No development endpoint ${method} /${segments.join('/')}`);
	}

	function index() {
		return {
			note: 'Graph API sandbox for local development and tests. Everything under /__sandbox is development-only and does not exist on graph.facebook.com.',
			now: graphTime(world.now()),
			baseUrl: origin,
			graphUrl: `${origin}/${DEFAULT_VERSION}`,
			credentials: { ...world.credentials },
			endpoints: DEV_ENDPOINTS.map(([method, route, description]) => ({ method, path: route, description })),
		};
	}

	function reset(newFixture) {
		world.load(newFixture === undefined ? undefined : loadFixture(newFixture));
		world.handshakes = [];
		resetCounts();
	}

	function writeJson(res, status, body, headers = {}) {
		const text = JSON.stringify(body);
		res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-store', ...headers });
		res.end(text);
	}

	async function handle(req, res) {
		const url = new URL(req.url, origin);
		const method = req.method.toUpperCase();
		const allSegments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		const versioned = /^v\d+(\.\d+)?$/.test(allSegments[0] ?? '');
		const version = versioned ? allSegments[0] : DEFAULT_VERSION;
		const segments = versioned ? allSegments.slice(1) : allSegments;

		if (segments[0] === '__sandbox') {
			try {
				writeJson(res, 200, await handleDev(method, segments, url.searchParams, req), { 'X-Sandbox-Development-Only': 'true' });
			} catch (error) {
				if (typeof error.body === 'function') {
					writeJson(res, error.status, error.body(), { 'X-Sandbox-Development-Only': 'true' });
					return;
				}
				const status = error instanceof DevError ? error.status : error.invalidJson ? 400 : 500;
				writeJson(res, status, { error: { message: error.message, type: 'SandboxDevelopmentEndpoint', code: status } }, { 'X-Sandbox-Development-Only': 'true' });
			}
			return;
		}

		if (segments[0] === IMAGE_PATH && method === 'GET' && segments.length === 2) {
			const image = qrImage(world, segments[1]);
			countCall(method, url.pathname, `GET /${IMAGE_PATH}/{code}`, image.status);
			res.writeHead(image.status, { 'Content-Type': image.contentType, 'Cache-Control': 'no-store' });
			res.end(image.body);
			return;
		}

		const fbtraceId = newTraceId();
		const baseHeaders = {
			'x-fb-trace-id': fbtraceId,
			'x-fb-rev': '1000000000',
			'facebook-api-version': version,
			'X-App-Usage': JSON.stringify({ call_count: 1, total_cputime: 1, total_time: 1 }),
		};
		const pattern = patternOf(world, method, segments);
		let result;
		try {
			let body = {};
			const rawBody = await readBody(req);
			try {
				body = parseBody(rawBody, req.headers['content-type']);
			} catch (error) {
				if (!error.invalidJson) throw error;
				throw errors.invalidParameter('The request body could not be parsed as JSON');
			}
			const query = {};
			for (const [key, value] of url.searchParams) query[key] = value;
			const pageUrl = (paging) => {
				const next = new URL(url.pathname, origin);
				for (const [key, value] of url.searchParams) if (key !== 'after' && key !== 'before' && key !== 'limit') next.searchParams.append(key, value);
				for (const [key, value] of Object.entries(paging)) next.searchParams.set(key, String(value));
				return next.toString();
			};
			if (graphLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, graphLatencyMs));
			result = await handleGraphRequest(world, {
				method,
				segments,
				params: { ...query, ...body },
				headers: req.headers,
				// The bytes of a file upload, as sent.
				rawBody,
				version,
				pageUrl,
				origin,
			});
		} catch (error) {
			if (typeof error.body === 'function') {
				result = { status: error.status, body: error.body(), headers: error.headers ?? {} };
			} else {
				result = { status: 500, body: { error: { message: `Sandbox failure: ${error.message}`, type: 'SandboxError', code: 1, is_transient: true } }, headers: {} };
			}
		}
		if (result.body?.error) result.body.error.fbtrace_id = fbtraceId;
		if (!result.headers['X-Business-Use-Case-Usage']) {
			const scope = world.scopeOf();
			if (scope) {
				result.headers['X-Business-Use-Case-Usage'] = JSON.stringify({
					[scope.id]: [{ type: scope.type, call_count: 0, total_cputime: 0, total_time: 0, estimated_time_to_regain_access: 0 }],
				});
			}
		}
		countCall(method, url.pathname, pattern, result.status);
		writeJson(res, result.status, result.body, { ...baseHeaders, ...result.headers });
	}

	const sandbox = {
		/** Starts listening on 127.0.0.1 (port 0 picks a free one). Resolves to the base URL. */
		async start({ host = HOST, port = 0 } = {}) {
			if (host !== HOST && host !== 'localhost') throw new Error('The sandbox listens on 127.0.0.1 only');
			server = http.createServer((req, res) => {
				handle(req, res).catch((error) => {
					if (!res.headersSent) writeJson(res, 500, { error: { message: error.message, type: 'SandboxError', code: 1 } });
					else res.end();
				});
			});
			server.keepAliveTimeout = 5_000;
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, HOST, resolve);
			});
			origin = `http://${HOST}:${server.address().port}`;
			return origin;
		},
		async stop() {
			if (!server) return;
			const closing = server;
			server = undefined;
			await new Promise((resolve) => {
				closing.close(() => resolve());
				closing.closeAllConnections?.();
			});
		},
		/** Base URL for the credential's Base URL field, e.g. http://127.0.0.1:8090 */
		get url() {
			return origin;
		},
		/** Base URL with the default version, as the nodes call it. */
		get graphUrl() {
			return origin && `${origin}/${DEFAULT_VERSION}`;
		},
		get port() {
			return server?.address()?.port;
		},
		/** A JSON snapshot of the world (sandbox-only fields included). */
		get state() {
			return world.snapshot();
		},
		/** The live model, for tests that need to reach in. */
		world,
		get counts() {
			return countsSnapshot();
		},
		get credentials() {
			return { ...world.credentials };
		},
		callLog() {
			return countsSnapshot({ withLog: true }).log;
		},
		resetCounts,
		reset,
		/** Delays every Graph answer by `ms` from now on (0: answer at once). */
		setLatency(ms) {
			graphLatencyMs = ms;
		},
		/** The latest one-time code issued for a phone-number or pre-verified ID. */
		latestCode(id) {
			return world.latestCode(id)?.code;
		},
		now() {
			return new Date(world.now());
		},
		setNow(date) {
			return new Date(world.setNow(date));
		},
		advance({ days = 0, hours = 0, minutes = 0, ms = 0 } = {}) {
			return new Date(world.advance(days * DAY_MS + hours * HOUR_MS + minutes * 60_000 + ms));
		},
		claim,
		reviewDisplayName,
		reviewOfficialBusinessAccount,
		sendWebhook,
	};
	return sandbox;
}

function parseArgs(argv) {
	const options = {};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const [flag, inline] = arg.split('=', 2);
		const value = () => inline ?? argv[++index];
		if (flag === '--port') options.port = Number(value());
		else if (flag === '--fixture') options.fixture = value();
		else if (flag === '--host') options.host = value();
		else if (flag === '--now') options.now = value();
		else if (flag === '--help' || flag === '-h') options.help = true;
		else throw new Error(`Unknown option ${arg}`);
	}
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.help) {
		console.log('Usage: node dev/sandbox/server.js [--port 8090] [--fixture path.json] [--now ISO-time]');
		return;
	}
	const sandbox = createSandbox({ fixture: options.fixture, now: options.now });
	const url = await sandbox.start({ host: options.host ?? HOST, port: options.port ?? 8090 });
	const { accessToken, appId, appSecret, webhookVerifyToken } = sandbox.credentials;
	const lines = [
		`Graph API sandbox listening on ${url}  (Graph calls: ${url}/${DEFAULT_VERSION}/...)`,
		`Fixture: ${options.fixture === 'fleet' ? 'the fleet world (dev/sandbox/fixtures/fleet.js)' : options.fixture ? path.resolve(options.fixture) : DEFAULT_FIXTURE}`,
		`Sandbox clock: ${graphTime(sandbox.now())}`,
		'',
		'Sandbox-only credentials (they work nowhere else):',
		`  Base URL            ${url}`,
		`  Access Token        ${accessToken}`,
		`  App ID              ${appId}`,
		`  App Secret          ${appSecret}`,
		`  Verify Token        ${webhookVerifyToken}`,
		'',
		'Development-only endpoints (not part of the Graph API):',
		...DEV_ENDPOINTS.map(([method, route, description]) => `  ${method.padEnd(5)}${url}${route}  ${description}`),
	];
	console.log(lines.join('\n'));
	const shutdown = async () => {
		await sandbox.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}

module.exports = { createSandbox, DEFAULT_FIXTURE, DEFAULT_VERSION };
