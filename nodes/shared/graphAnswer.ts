/**
 * What a Graph request came back with: Graph data of the expected shape, a Graph error,
 * or something else (a proxy page, an empty or non-JSON body, a dropped connection, a
 * timeout). Every failure is a NodeApiError carrying its `Failure` for the retry policy.
 */
import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { graphApiError, graphErrorIn, redactSecrets, sentences, type GraphApiErrorOptions, type GraphError } from './graphErrors';
import { isGraphPage, type GraphPage } from './pagination';
import type { Failure } from './retryPolicy';

/** A single Graph object, or one page of a Graph list (`{data: [...]}`). */
export type ExpectedShape = 'object' | 'page';

/** How much of an unexpected body an error shows. */
const SHOWN_BODY_CHARS = 300;

const NOT_GRAPH_ADVICE =
	"Check the credential's Base URL (it should be https://graph.facebook.com or a proxy that passes Graph's answers through unchanged) and any proxy, firewall or login page between n8n and Meta.";

export function failureOf(error: unknown): Failure | undefined {
	return (error as NodeApiError | undefined)?.context?.failure as Failure | undefined;
}

export function withFailure(error: NodeApiError, failure: Failure): NodeApiError {
	error.context.failure = failure as unknown as JsonObject;
	return error;
}

function isPlainObject(body: unknown): body is IDataObject {
	return !!body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body);
}

/** The first bytes of a body as text, bounded and without secrets. */
function bodyExcerpt(body: unknown, secrets: ReadonlyArray<string>): string {
	let text: string;
	if (body === undefined || body === null || body === '') return '(empty body)';
	if (typeof body === 'string') text = body;
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else text = JSON.stringify(body);
	const redacted = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim();
	return redacted.length > SHOWN_BODY_CHARS ? `${redacted.slice(0, SHOWN_BODY_CHARS)}…` : redacted;
}

/** An answer that is not Graph's: says what came back and what to check. */
function notGraphAnswerError(
	node: INode,
	response: IN8nHttpFullResponse,
	expected: ExpectedShape,
	secrets: ReadonlyArray<string>,
): NodeApiError {
	const contentType = String(response.headers?.['content-type'] ?? 'no content type');
	const what = expected === 'page' ? 'a Graph list page (a JSON object with a data array)' : 'a Graph JSON object';
	const failed = response.statusCode >= 400;
	const message = failed
		? `The Graph API address answered HTTP ${response.statusCode} without a Graph error (${contentType})`
		: `The Graph API address answered HTTP ${response.statusCode} with something other than ${what} (${contentType})`;
	// The error carries the node, parameters included: a PIN typed into the node would show there.
	const error = new NodeApiError(redactSecrets(node, secrets), { httpStatus: response.statusCode } as JsonObject, {
		message,
		description: sentences(
			`It began: ${bodyExcerpt(response.body, secrets)}`,
			failed && response.statusCode >= 502 && response.statusCode <= 504
				? 'A gateway between n8n and Meta could not reach the Graph API; this usually passes within minutes'
				: undefined,
			NOT_GRAPH_ADVICE,
		),
		httpCode: String(response.statusCode),
	});
	return withFailure(error, { kind: 'notGraph', httpStatus: response.statusCode });
}

/**
 * The Graph data of a successful answer of the expected shape; otherwise throws the
 * mapped Graph error, or an error saying what came back instead.
 */
export function readGraphAnswer(
	node: INode,
	response: IN8nHttpFullResponse,
	{ expected, secrets, adviceFor }: { expected: ExpectedShape; secrets: ReadonlyArray<string>; adviceFor?: GraphApiErrorOptions['adviceFor'] },
): IDataObject | GraphPage {
	const graphError = graphErrorIn(response.body);
	if (graphError) {
		const error = graphApiError(node, graphError, { httpStatus: response.statusCode, secrets, adviceFor });
		// The error's copy of Graph's error has its secrets removed; the failure keeps that one.
		const redacted = error.context.graphError as GraphError;
		return throwWith(error, { kind: 'graph', graphError: redacted, usageHeader: response.headers?.['x-business-use-case-usage'] });
	}
	const body = response.body;
	const shapeFits = expected === 'page' ? isGraphPage(body) : isPlainObject(body);
	if (response.statusCode >= 400 || !shapeFits) throw notGraphAnswerError(node, response, expected, secrets);
	return body as IDataObject | GraphPage;
}

function throwWith(error: NodeApiError, failure: Failure): never {
	throw withFailure(error, failure);
}

/** Axios names the failure by code on the error n8n wraps; axios reports its timeout as ECONNABORTED. */
function transportCode(error: unknown): { code?: string; timedOut: boolean } {
	const candidates = [error, (error as { cause?: unknown })?.cause].filter(Boolean) as Array<{
		code?: unknown;
		message?: unknown;
	}>;
	const code = candidates.map((candidate) => candidate.code).find((value) => typeof value === 'string') as
		| string
		| undefined;
	const timedOut =
		code === 'ETIMEDOUT' ||
		code === 'ECONNABORTED' ||
		candidates.some((candidate) => typeof candidate.message === 'string' && /timeout|timed out/i.test(candidate.message));
	return { code, timedOut };
}

/** Failures before the request could reach anyone: its outcome is known (not carried out). */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export interface TransportErrorOptions {
	timeoutMs: number;
	secrets: ReadonlyArray<string>;
	/** For a write: how to find out whether it happened before running it again. */
	outcomeCheck?: string;
	/** Who did not answer, where it is not the Graph API (a download link on Meta's CDN). */
	target?: string;
}

/**
 * A failure before any answer (timeout, reset, refused, DNS) as a NodeApiError that says
 * what happened in the user's words, carries no secret, and for a write that timed out
 * says its outcome is unknown and how to check it.
 */
export function transportError(node: INode, error: unknown, { timeoutMs, secrets, outcomeCheck, target = 'The Graph API' }: TransportErrorOptions): NodeApiError {
	if (failureOf(error)) return error as NodeApiError;
	const { code, timedOut } = transportCode(error);
	const seconds = Number((timeoutMs / 1000).toFixed(1));
	const mayHaveArrived = timedOut || !NEVER_SENT_CODES.has(code ?? '');
	const unknownOutcome =
		outcomeCheck && mayHaveArrived
			? `Meta may or may not have carried out the request, so its outcome is unknown: ${outcomeCheck}`
			: undefined;
	const cause = redactSecrets(String((error as Error)?.message ?? error), secrets);
	const message = timedOut
		? `${target} did not answer within ${seconds} second${seconds === 1 ? '' : 's'} (timed out)`
		: `${target} could not be reached (${code ?? cause})`;
	const description = timedOut
		? sentences(unknownOutcome, 'Raise "Timeout (Seconds)" in the node\'s settings if Meta is slow today', NOT_GRAPH_ADVICE)
		: sentences(unknownOutcome, 'This failure came from the network, not from Meta', `Details: ${cause}`, NOT_GRAPH_ADVICE);
	const apiError = new NodeApiError(redactSecrets(node, secrets), { transportCode: code ?? null } as JsonObject);
	// Set after construction: NodeApiError swaps a message naming a known error code for n8n's generic wording.
	apiError.message = message;
	apiError.description = description;
	apiError.stack = redactSecrets(apiError.stack, secrets);
	return withFailure(apiError, timedOut ? { kind: 'timeout', timeoutMs } : { kind: 'network', code });
}

/** Errors leave the package as n8n's node errors: ours as they are, anything else wrapped. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeApiError(node, error as JsonObject);
}
