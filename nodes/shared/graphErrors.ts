import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Graph's error envelope: `{"error": {...}}`. */
export interface GraphError {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	error_data?: { details?: string; [key: string]: unknown };
	fbtrace_id?: string;
	is_transient?: boolean;
}

export interface Advice {
	/** What happened, in the user's words. */
	message: string;
	/** What to do about it. */
	action: string;
}

const RENEW_TOKEN: Advice = {
	message: 'The access token was rejected by Meta',
	action:
		'Create a new system-user token with the whatsapp_business_management permission and update the credential.',
};
const PERMISSION: Advice = {
	message: 'The access token lacks a permission for this object',
	action:
		'Grant whatsapp_business_management (and business_management for business portfolios and pre-verified numbers) to the system user, and assign the WABA or business to it in Business Settings.',
};
const RATE_LIMITED: Advice = {
	message: 'Meta is rate limiting these calls',
	action:
		'Wait and run again later, or spread the work out (WABA management calls are limited per app and WABA per hour).',
};
const INVALID_PARAMETER: Advice = {
	message: 'Meta rejected a parameter of the request',
	action: 'Fix the input that the message from Meta names, then run the node again.',
};
const TRANSIENT: Advice = {
	message: 'Meta had a temporary server error',
	action: 'Run the node again in a few minutes.',
};
const ACCOUNT_LOCKED: Advice = {
	message: 'The account is locked or blocked',
	action: 'Contact Meta support through Business Support Home; the API cannot unlock it.',
};
const VERIFY_CODE: Advice = {
	message: 'The one-time code was wrong or has expired',
	action: 'Check the code you entered; if it is older than a few minutes, request a new code and verify that one.',
};
const REQUEST_CODE: Advice = {
	message: 'Meta could not send a one-time code to this number',
	action:
		'Wait before asking again (too many requests are refused), check that the number can receive SMS or calls, or try the other code method.',
};
const PIN_ATTEMPTS: Advice = {
	message: 'Too many two-step PIN attempts',
	action: 'Wait for the time Meta gives in the details, then try once with the correct PIN.',
};

/**
 * What the package knows about a Graph error code, in one place: what to tell the user,
 * whether the same request may succeed after a pause (Meta documents it as transient or
 * rate limiting), and whether it is about the caller (the token, the app's or the user's
 * call rate) rather than the object asked for, so every further request would fail alike.
 */
export interface GraphErrorCode extends Advice {
	retryable?: true;
	callerWide?: true;
}

const GRAPH_ERROR_CODES: Record<number, GraphErrorCode> = {
	0: { ...RENEW_TOKEN, callerWide: true },
	190: { ...RENEW_TOKEN, callerWide: true },
	3: PERMISSION,
	10: PERMISSION,
	4: { ...RATE_LIMITED, retryable: true, callerWide: true },
	17: { ...RATE_LIMITED, retryable: true, callerWide: true },
	341: { ...RATE_LIMITED, retryable: true },
	80007: { ...RATE_LIMITED, retryable: true },
	130429: { ...RATE_LIMITED, message: 'The phone number has reached its throughput limit', retryable: true },
	100: INVALID_PARAMETER,
	131009: INVALID_PARAMETER,
	1: { ...TRANSIENT, retryable: true },
	2: { ...TRANSIENT, retryable: true },
	131000: { ...TRANSIENT, retryable: true },
	133004: { ...TRANSIENT, retryable: true },
	131031: ACCOUNT_LOCKED,
	368: ACCOUNT_LOCKED,
	131045: {
		message: 'The number has no valid certificate',
		action: 'Register the phone number first, then try again.',
	},
	133005: {
		message: "The PIN does not match the number's two-step verification PIN",
		action:
			'Use the current two-step PIN of this number, or set a new one with the WhatsApp Settings node (Set Two-Step Verification PIN) and try again.',
	},
	133006: {
		message: 'The phone number must be verified before it can be registered',
		action: 'Request a one-time code and verify it (WhatsApp Verification node), then register again.',
	},
	133008: PIN_ATTEMPTS,
	133009: { ...PIN_ATTEMPTS, message: 'Two-step PIN attempts were too fast' },
	133010: {
		message: 'The phone number is not registered',
		action: 'Register it with the WhatsApp Phone Numbers node (Register) first.',
	},
	133015: {
		message: 'The phone number was deleted recently',
		action: 'Wait 5 minutes before registering it again.',
	},
	136024: REQUEST_CODE,
	136025: VERIFY_CODE,
	137000: {
		message: "The customer's identity key no longer matches",
		action: 'Re-establish trust with the customer out of band, then resend without the identity hash.',
	},
	200000: {
		message: 'The phone number cannot be added to this WhatsApp Business Account',
		action: 'Check that the number is eligible and owned by this business, and that the WABA has room for it.',
	},
};

/** The table's entry for a code; unknown codes have none. */
export function graphErrorCode(code: number | undefined): GraphErrorCode | undefined {
	return code === undefined ? undefined : GRAPH_ERROR_CODES[code];
}

const REGISTER_LIMIT_HOURS = 72;

/** What happened and what to do, for a Graph error code. Unknown codes get none. */
export function adviceForCode(code: number | undefined, now: Date = new Date()): Advice | undefined {
	if (code === undefined) return undefined;
	if (code === 133016) {
		const retryAt = new Date(now.getTime() + REGISTER_LIMIT_HOURS * 3_600_000);
		return {
			message: 'This number has reached the limit of 10 register/deregister calls in 72 hours',
			action: `Meta blocks further register and deregister calls on this number for 72 hours. Try again after ${retryAt.toISOString()}; the node never retries this call by itself.`,
		};
	}
	if (code >= 200 && code <= 299) return PERMISSION;
	const entry = GRAPH_ERROR_CODES[code];
	return entry && { message: entry.message, action: entry.action };
}

/** Joins texts into sentences, adding a full stop only where one is missing. */
export function sentences(...texts: Array<string | undefined>): string {
	return texts
		.map((text) => text?.trim())
		.filter((text): text is string => !!text)
		.map((text) => (/[.!?]$/.test(text) ? text : `${text}.`))
		.join(' ');
}

/** The Graph error details a user needs to look the problem up with Meta. */
function graphReference(graphError: GraphError): string {
	const parts = [`Graph error ${graphError.code ?? 'without code'}`];
	if (graphError.error_subcode !== undefined) parts.push(`subcode ${graphError.error_subcode}`);
	if (graphError.fbtrace_id) parts.push(`fbtrace_id ${graphError.fbtrace_id}`);
	return parts.join(', ');
}

/**
 * The forms a secret takes inside a text: as typed, escaped inside a JSON string (a `"` or
 * `\\` in a token), and URL-encoded in a query or a form body. Longest first, so a form
 * that contains another is replaced whole.
 */
function secretForms(secret: string): string[] {
	const forms = [
		secret,
		JSON.stringify(secret).slice(1, -1),
		encodeURIComponent(secret),
		new URLSearchParams({ s: secret }).toString().slice(2),
	];
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret, in each of its forms, in strings anywhere inside a value. */
export function redactSecrets<T>(value: T, secrets: ReadonlyArray<string | undefined>): T {
	const hidden = secrets
		.filter((secret): secret is string => !!secret && secret.length >= 4)
		.flatMap(secretForms)
		.sort((a, b) => b.length - a.length);
	if (hidden.length === 0) return value;
	const redact = (input: unknown): unknown => {
		if (typeof input === 'string') {
			return hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), input);
		}
		if (Array.isArray(input)) return input.map(redact);
		if (input && typeof input === 'object') {
			return Object.fromEntries(Object.entries(input).map(([key, inner]) => [key, redact(inner)]));
		}
		return input;
	};
	return redact(value) as T;
}

export interface GraphApiErrorOptions {
	httpStatus?: number;
	/** Token, app secret, PIN, one-time code: removed from everything the error carries. */
	secrets?: ReadonlyArray<string | undefined>;
	/** An operation's own reading of a code, where the same code means something specific there. */
	adviceFor?: (graphError: GraphError) => Advice | undefined;
}

/**
 * Turns Graph's error envelope into a NodeApiError whose message says what happened and
 * whose description says what to do, keeping Meta's own message, code, subcode,
 * user message and fbtrace_id visible.
 */
export function graphApiError(node: INode, rawError: GraphError, options: GraphApiErrorOptions = {}): NodeApiError {
	const graphError = redactSecrets(rawError, options.secrets ?? []);
	const advice = options.adviceFor?.(graphError) ?? adviceForCode(graphError.code);
	const metaSays = graphError.error_user_msg ?? graphError.message ?? 'Meta gave no message';
	const message = advice ? `${advice.message} (${metaSays})` : `Graph API error: ${metaSays}`;
	const description = sentences(
		advice?.action ?? 'Check the message from Meta above and the request parameters.',
		graphError.error_data?.details ? `Details: ${graphError.error_data.details}` : undefined,
		graphReference(graphError),
		graphError.error_user_msg && graphError.message ? `Meta: ${graphError.message}` : undefined,
	);
	// The error carries the node, parameters included: a PIN typed into the node would show there.
	const error = new NodeApiError(redactSecrets(node, options.secrets ?? []), graphError as JsonObject, {
		message,
		description,
		httpCode: options.httpStatus ? String(options.httpStatus) : undefined,
	});
	error.context.graphError = graphError as JsonObject;
	return error;
}

/** Reads the Graph error out of a response body, if it holds one. */
export function graphErrorIn(body: unknown): GraphError | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const error = (body as { error?: unknown }).error;
	return error && typeof error === 'object' ? (error as GraphError) : undefined;
}
