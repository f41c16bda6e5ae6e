/**
 * Callback overrides, for a phone number (Phone Numbers node) and a WABA (WhatsApp Business
 * Accounts node): the callback URL and verify token fields, which webhook fields follow an
 * override, and what Meta's error 100 means here.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Advice, GraphError } from './graphErrors';
import { parameterOf } from './parameters';
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

/** Meta's list of the webhook fields that follow an override; every other field goes to the app's callback. */
export const FIELDS_FOLLOWING_OVERRIDES: readonly string[] = [
	'messages',
	'message_echoes',
	'calls',
	'consumer_profile',
	'messaging_handovers',
	'standby',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'smb_message_echoes',
	'smb_app_state_sync',
	'history',
	'account_settings_update',
];

/**
 * Meta's documentation of overrides: messaging fields follow the override; account-level,
 * template and number-status fields always go to the app's callback.
 */
export const OVERRIDE_FIELDS_RULE =
	"Only messaging webhook fields follow an override (messages, message_echoes, calls, and the other messaging fields Meta lists), so the identity events of the WhatsApp Phone Number Trigger follow it too. account_update, account_alerts, account_review_update, phone_number_quality_update, phone_number_name_update, business_capability_update, security and template fields stay on the app's subscription and its callback URL.";

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

export const callbackUrlParameter = parameterOf(callbackUrlProperty, callbackUrl, {
	hint: `Enter the full https:// address of the receiving workflow's webhook, up to ${CALLBACK_URL_MAX_LENGTH} characters.`,
});
export const verifyTokenParameter = parameterOf(verifyTokenProperty, verifyToken, {
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

/** `POST /<WABA_ID>/subscribed_apps` body that points the WABA's messaging webhooks at a URL. */
export function wabaOverrideBody(overrideCallbackUri: string, token: string): IDataObject {
	return { override_callback_uri: overrideCallbackUri, verify_token: token };
}

/**
 * Meta removes a WABA's override when the app subscribes again without one: an empty body.
 * (`DELETE /<WABA_ID>/subscribed_apps` would unsubscribe the app from the WABA altogether.)
 */
export const WABA_WITHOUT_OVERRIDE: IDataObject = {};

/** `POST /<PHONE_NUMBER_ID>` body that points the number's messaging webhooks at a URL. */
export function phoneNumberOverrideBody(overrideCallbackUri: string, token: string): IDataObject {
	return { webhook_configuration: { override_callback_uri: overrideCallbackUri, verify_token: token } };
}

/** Meta clears a number's override when the URI is empty. */
export const PHONE_NUMBER_WITHOUT_OVERRIDE: IDataObject = { webhook_configuration: { override_callback_uri: '' } };

function urlOrNull(value: unknown): string | null {
	return typeof value === 'string' && value ? value : null;
}

/** A WABA as one app sees it in `GET /<WABA_ID>/subscribed_apps`. */
export interface AppOnWaba {
	subscribed: boolean;
	overrideCallbackUri: string | null;
}

/** The app's entry among a WABA's subscribed apps (`whatsapp_business_api_data.id`), if any. */
export function appOnWaba(answer: unknown, appId: string): AppOnWaba {
	const apps = Array.isArray((answer as IDataObject | undefined)?.data) ? ((answer as IDataObject).data as IDataObject[]) : [];
	const entry = apps.find((app) => String((app?.whatsapp_business_api_data as IDataObject | undefined)?.id ?? '') === appId);
	return { subscribed: entry !== undefined, overrideCallbackUri: urlOrNull(entry?.override_callback_uri) };
}

/**
 * Where a number's messaging webhooks go, from `GET /<PHONE_NUMBER_ID>?fields=webhook_configuration`:
 * its own override (`phone_number`), its WABA's (`whatsapp_business_account`), the app's (`application`).
 */
export function webhookRouting(answer: unknown) {
	const configuration = ((answer as IDataObject | undefined)?.webhook_configuration ?? {}) as IDataObject;
	const overrideCallbackUri = urlOrNull(configuration.phone_number);
	const wabaOverrideCallbackUri = urlOrNull(configuration.whatsapp_business_account);
	const appCallbackUri = urlOrNull(configuration.application);
	return {
		overrideCallbackUri,
		wabaOverrideCallbackUri,
		appCallbackUri,
		messagingWebhooksGoTo: overrideCallbackUri ?? wabaOverrideCallbackUri ?? appCallbackUri,
	};
}
