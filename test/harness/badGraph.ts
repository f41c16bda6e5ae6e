/**
 * A local stand-in for the Graph API, or a proxy in front of it, that answers badly on
 * purpose: each request gets the next scripted answer (a status and body, a hang, a reset).
 * Every request is recorded, so tests assert what was sent and how often.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer =
	| { status: number; body: string | object; headers?: Record<string, string> }
	/** Accepts the request and never answers. */
	| { hang: true }
	/** Drops the connection without an answer. */
	| { reset: true };

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	body: string;
	authorization?: string;
}

export interface BadGraph {
	url: string;
	received: ReceivedRequest[];
	/** Answers for the next requests, in order; the last one repeats. */
	answer(...answers: Answer[]): void;
	close(): Promise<void>;
}

/** On 127.0.0.1 unless another loopback address is given (127.0.0.2 stands in for another host). */
export async function startBadGraph(host = '127.0.0.1'): Promise<BadGraph> {
	const received: ReceivedRequest[] = [];
	let script: Answer[] = [];
	const hanging = new Set<http.ServerResponse>();

	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		request.on('end', () => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			received.push({
				method: request.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				body,
				authorization: request.headers.authorization,
			});
			const answer = script.length > 1 ? script.shift()! : script[0];
			if (!answer || 'hang' in answer) {
				hanging.add(response);
				return;
			}
			if ('reset' in answer) {
				request.socket.destroy();
				return;
			}
			const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
			response.writeHead(answer.status, {
				'content-type': typeof answer.body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
				...answer.headers,
			});
			response.end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, host, resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://${host}:${port}`,
		received,
		answer: (...answers) => {
			script = answers;
			received.length = 0;
		},
		close: async () => {
			for (const response of hanging) response.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
