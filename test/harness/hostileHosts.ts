/**
 * Two real HTTP servers on two loopback addresses: 127.0.0.1 plays the Graph API (or a proxy
 * in front of it) that answers as an attacker would, 127.0.0.2 the other host it points
 * requests at. Each answers by a route table the test writes and records every request it
 * got, headers and bytes included, so a test asserts what reached which host.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import nock from 'nock';

export interface HostRequest {
	method: string;
	/** Path and query as sent. */
	url: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
	/** Bytes of the answer's body the client took before it hung up or the answer ended. */
	sentBytes: number;
}

export interface HostAnswer {
	status: number;
	headers?: Record<string, string>;
	/** JSON for an object, bytes or text as given. */
	body?: object | string | Buffer;
	/** After the body, this many bytes more are streamed, as fast as the client reads them, until it hangs up. */
	streamBytes?: number;
}

export type Route = (request: HostRequest) => HostAnswer;

export interface HostileHost {
	/** `http://127.0.0.x:<port>` */
	origin: string;
	received: HostRequest[];
	/** Routes by `METHOD path` (query left out); a request without a route gets a 404 and is recorded. */
	routes: Map<string, Route>;
	route(method: string, path: string, answer: HostAnswer | Route): void;
}

export interface HostilePair {
	graph: HostileHost;
	other: HostileHost;
	/** Ends every open connection, so nothing a test left streaming reaches the next one. */
	dropConnections(): void;
	close(): Promise<void>;
}

async function startHost(address: string): Promise<{ host: HostileHost; server: http.Server }> {
	const received: HostRequest[] = [];
	const routes = new Map<string, Route>();
	const server = http.createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const url = incoming.url ?? '/';
			const request: HostRequest = {
				method: incoming.method ?? '',
				url,
				path: new URL(url, `http://${address}`).pathname,
				headers: incoming.headers,
				body: Buffer.concat(chunks),
				sentBytes: 0,
			};
			received.push(request);
			const route = routes.get(`${request.method} ${request.path}`);
			const answer = route ? route(request) : { status: 404, body: '<html><body>Not found</body></html>' };
			const body = answer.body;
			const bytes =
				body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
			const contentType =
				body === undefined || Buffer.isBuffer(body) ? 'application/octet-stream' : typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
			response.writeHead(answer.status, { 'content-type': contentType, ...answer.headers });
			request.sentBytes = bytes.length;
			if (!answer.streamBytes) {
				response.end(bytes);
				return;
			}
			response.write(bytes);
			const chunk = Buffer.alloc(64 * 1024, 0x41);
			let left = answer.streamBytes;
			let closed = false;
			response.on('close', () => (closed = true));
			incoming.socket.on('close', () => (closed = true));
			const pump = () => {
				while (left > 0 && !closed) {
					left -= chunk.length;
					request.sentBytes += chunk.length;
					if (!response.write(chunk)) {
						response.once('drain', pump);
						return;
					}
				}
				if (!closed) response.end();
			};
			pump();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, address, resolve));
	const { port } = server.address() as AddressInfo;
	const host: HostileHost = {
		origin: `http://${address}:${port}`,
		received,
		routes,
		route: (method, path, answer) => routes.set(`${method} ${path}`, typeof answer === 'function' ? answer : () => answer),
	};
	return { host, server };
}

/**
 * Starts both hosts for the file's tests and lets nock pass traffic to them through (after
 * `isolateNetwork`'s own beforeEach, which blocks everything); every other host stays blocked.
 */
export function hostilePair(): HostilePair {
	const pair = {} as HostilePair;
	beforeAll(async () => Object.assign(pair, await startHostilePair()));
	beforeEach(() => {
		pair.dropConnections();
		nock.enableNetConnect(/^127\.0\.0\.[12](:\d+)?$/);
		for (const host of [pair.graph, pair.other]) {
			host.received.length = 0;
			host.routes.clear();
		}
	});
	afterAll(async () => await pair.close());
	return pair;
}

async function startHostilePair(): Promise<HostilePair> {
	const graph = await startHost('127.0.0.1');
	const other = await startHost('127.0.0.2');
	return {
		graph: graph.host,
		other: other.host,
		dropConnections: () => {
			graph.server.closeAllConnections();
			other.server.closeAllConnections();
		},
		close: async () => {
			for (const { server } of [graph, other]) {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
			}
		},
	};
}

/** The requests a host received that carried any credential (a Bearer or OAuth token). */
export function withCredentials(host: HostileHost): HostRequest[] {
	return host.received.filter((request) => request.headers.authorization !== undefined);
}
