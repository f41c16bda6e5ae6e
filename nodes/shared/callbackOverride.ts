/**
 * Callback overrides, for a phone number (Phone Numbers node) and a WABA (WhatsApp Business
 * Accounts node): the callback URL and verify token fields, which webhook fields follow an
 * override, and what Meta's error 100 means here.
 */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Advice, GraphError } from './graphErrors';
import { fieldOf } from './parameters';
import { httpsUrl } from './schemas';

/** Meta: the alternate callback URL has at most 200 characters. */
export const CALLBACK_URL_MAX_LENGTH = 200;

export const callbackUrl = httpsUrl.pipe(
	z.string().max(CALLBACK_URL_MAX_LENGTH, `must be at most ${CALLBACK_URL_MAX_LENGTH} characters`),
);

/** Meta sets no maximum; spaces would not survive the hub.verify_token query string intact. */
export const verifyToken = z
	.string()
	.min(1, 'must not be empty')
	.regex(/^\S+$/, 'must not contain spaces or line breaks');

/**
 * Meta's documentation of overrides: messaging fields follow the override; account-level,
 * template and number-status fields always go to the app's callback.
 */
export const OVERRIDE_FIELDS_RULE =
	"Only messaging webhook fields follow an override (messages, message_echoes, calls, and the other messaging fields Meta lists), so the identity events of the WhatsApp Phone Number Trigger follow it too. account_update, phone_number_quality_update, phone_number_name_update, business_capability_update, security and template fields stay on the app's subscription and its callback URL.";

/** Meta tries the number's override, then the WABA's, then the app's callback URL. */
export const OVERRIDE_ORDER =
	"Meta sends a messaging webhook to the phone number's override if it has one, else to its WABA's override, else to the app's callback URL.";

/** A callback URL where leaving it empty means "no override". */
export const optionalCallbackUrl = z
	.string()
	.trim()
	.superRefine((value, context) => {
		if (!value) return;
		const parsed = callbackUrl.safeParse(value);
		if (!parsed.success) context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error.issues[0]?.message ?? 'is not valid' });
	});

/** A verify token that may be empty (no override asked for), never with spaces. */
export const optionalVerifyToken = z.string().regex(/^\S*$/, 'must not contain spaces or line breaks');

export const callbackUrlProperty: INodeProperties = {
	displayName: 'Callback URL',
	name: 'overrideCallbackUri',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://n8n.example.com/webhook/whatsapp-acme',
	description: `The https:// address, up to ${CALLBACK_URL_MAX_LENGTH} characters, that receives the messaging webhooks instead of the app's callback URL. Meta checks it with a hub.challenge request before accepting it.`,
};

export const verifyTokenProperty: INodeProperties = {
	displayName: 'Verify Token',
	name: 'overrideVerifyToken',
	type: 'string',
	typeOptions: { password: true },
	required: true,
	default: '',
	description: "The token the callback URL expects in Meta's hub.verify_token check, without spaces. It is never shown in the output.",
};

export const callbackUrlField = fieldOf(callbackUrlProperty, callbackUrl, {
	hint: `Enter the full https:// address of the receiving workflow's webhook, up to ${CALLBACK_URL_MAX_LENGTH} characters.`,
});
export const verifyTokenField = fieldOf(verifyTokenProperty, verifyToken, {
	hint: 'Enter the verify token the receiving webhook expects, without spaces.',
});

/** Meta answers an override for a WABA the app is not subscribed to with a plain error 100. */
export function appNotSubscribedAdvice(graphError: GraphError): Advice | undefined {
	if (graphError.code !== 100 || graphError.error_subcode === 33) return undefined;
	return {
		message: "Meta refused the callback override; this usually means the app is not subscribed to the number's WABA yet",
		action:
			'Subscribe the app to the WABA first (WhatsApp Business Accounts › Subscribe App), then set the override again. If the app is subscribed, fix the parameter Meta names.',
	};
}
