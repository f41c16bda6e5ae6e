/**
 * The IDs that go into a Graph path, one strict pattern per kind. An ID from a parameter is
 * checked by its schema (schemas.ts), an ID from Meta's answer by `idFromAnswer`, both with
 * these patterns, before the request: a value like `upload:x/../../steal?y=1` would otherwise
 * leave the API version and any path prefix of the Base URL with the token.
 */
import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export const GRAPH_ID_PATTERNS = {
	/** WABA, phone number, business portfolio, pre-verified number, Meta app: digits only. */
	graphObject: /^\d{1,32}$/,
	/** A resumable upload session as Meta answers it: `upload:<base64>`, optionally `?sig=<signature>`. */
	uploadSession: /^upload:[A-Za-z0-9_=+-]{1,2048}(\?sig=[A-Za-z0-9_=+-]{1,512})?$/,
	/** A QR code (short link): 14 letters and digits. */
	qrCode: /^[A-Za-z0-9]{14}$/,
} as const;

export type GraphIdKind = keyof typeof GRAPH_ID_PATTERNS;

const KIND_NAMES: Record<GraphIdKind, string> = {
	graphObject: 'a Graph object ID (digits only)',
	uploadSession: 'an upload session ID (upload:…)',
	qrCode: 'a QR code (14 letters and digits)',
};

export function isGraphId(kind: GraphIdKind, value: unknown): value is string {
	return typeof value === 'string' && GRAPH_ID_PATTERNS[kind].test(value);
}

/** How much of a rejected value an error shows. */
const SHOWN_CHARS = 80;

/**
 * An ID from a Graph answer, for a request path; anything else fails before that request is
 * sent. `from` names the answer in the user's words ("the upload session Meta started").
 */
export function idFromAnswer(node: INode, kind: GraphIdKind, value: unknown, from: string): string {
	const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (isGraphId(kind, id)) return id;
	const shown = JSON.stringify(value === undefined ? null : value) ?? 'null';
	throw new NodeApiError(node, {}, {
		message: `The ID in ${from} is not ${KIND_NAMES[kind]}`,
		description: `The answer gave ${shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS)}…` : shown}; nothing was sent with it. Graph answers such IDs itself, so the credential's Base URL may reach something other than Meta's Graph API (a proxy that rewrites answers): check it.`,
	});
}
