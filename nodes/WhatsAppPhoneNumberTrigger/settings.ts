import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { FIELDS_FOLLOWING_OVERRIDES } from '../shared/callbackOverride';
import { isGraphId } from '../shared/graphIds';
import { parseParameter } from '../shared/parameters';
import { graphObjectId } from '../shared/schemas';
import { defaultOf } from './description';
import { EVENT_CATALOGUE, type EventGroup, type PhoneNumberEvent } from './events';
import { parseFilters, type EventFilters } from './filters';

/** `app`: the app's own subscription; `override`: per-WABA and per-number callback overrides. */
export type SubscriptionScope = 'app' | 'override';

/** What override mode points at this node's URL. */
export interface OverrideTargets {
	wabaIds: string[];
	phoneNumberIds: string[];
}

export interface TriggerSettings {
	manageSubscription: boolean;
	subscriptionScope: SubscriptionScope;
	overrideTargets: OverrideTargets;
	groups: ReadonlySet<EventGroup>;
	/** Field names for capability, status and template events, derived event names for identity. */
	selectedEvents: ReadonlySet<string>;
	filters: EventFilters;
	includeOtherFields: boolean;
	skipSignatureVerification: boolean;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

const EVENT_PARAMETERS: Record<EventGroup, string> = {
	capability: 'capabilityEvents',
	status: 'statusEvents',
	template: 'templateEvents',
	identity: 'identityEvents',
};

function isEventGroup(value: string): value is EventGroup {
	return value in EVENT_CATALOGUE;
}

export function readOptions(context: TriggerContext): IDataObject {
	return context.getNodeParameter('options', {}) as IDataObject;
}

/** The IDs of a fixedCollection of resource locators (`{ <entry>: [{ <locator>: {value} }] }`). */
function locatorIds(collection: unknown, entry: string, locator: string): string[] {
	const entries = ((collection as IDataObject | undefined)?.[entry] ?? []) as IDataObject[];
	return (Array.isArray(entries) ? entries : []).map((item) => {
		const value = item?.[locator];
		const id = value !== null && typeof value === 'object' ? (value as IDataObject).value : value;
		return String(id ?? '').trim();
	});
}

const PHONE_NUMBER_LIST_PARAMETER = {
	parameter: 'overridePhoneNumbers',
	label: 'Phone Numbers to Point Here',
	schema: z.array(graphObjectId),
	hint: 'Pick each number From List, or enter its phone-number ID By ID (WhatsApp Manager → Phone numbers), not the phone number itself.',
};

/** Settings by the node's parameters: reading them costs more than a delivery's own work. */
const settingsByParameters = new Map<string, TriggerSettings>();
const SETTINGS_CACHE_LIMIT = 100;

/** `node` is `context.getNode()`, which n8n copies on every call: callers pass the copy they have. */
export function readTriggerSettings(context: TriggerContext, node: INode = context.getNode()): TriggerSettings {
	const key = JSON.stringify(node.parameters);
	// Parameters set by expressions ("=…") may change from one call to the next.
	const cacheable = !key.includes('"=');
	const cached = cacheable ? settingsByParameters.get(key) : undefined;
	if (cached) return cached;
	const settings = readSettingsOnce(context, node);
	if (cacheable) {
		if (settingsByParameters.size >= SETTINGS_CACHE_LIMIT) settingsByParameters.clear();
		settingsByParameters.set(key, settings);
	}
	return settings;
}

function readSettingsOnce(context: TriggerContext, node: INode): TriggerSettings {
	const parameter = <T>(name: string): T => context.getNodeParameter(name, defaultOf<T>(name)) as T;
	const groups = new Set(parameter<string[]>('eventGroups').filter(isEventGroup));
	const selectedEvents = new Set([...groups].flatMap((group) => parameter<string[]>(EVENT_PARAMETERS[group])));
	if (selectedEvents.size === 0) {
		throw new NodeOperationError(node, 'Pick at least one event', {
			description: 'Choose an event group under "Event Groups" and at least one event inside it.',
		});
	}
	const options = readOptions(context);
	const manageSubscription = parameter<boolean>('manageSubscription');
	const subscriptionScope: SubscriptionScope =
		manageSubscription && parameter<string>('subscriptionScope') === 'override' ? 'override' : 'app';
	const filters = parseFilters(node, {
		wabaIds: locatorIds(context.getNodeParameter('wabas', {}), 'waba', 'wabaId'),
		businessNumbers: options.businessNumbers,
		eventNames: options.eventNames,
	});
	const overrideTargets: OverrideTargets = { wabaIds: [], phoneNumberIds: [] };
	if (subscriptionScope === 'override') {
		// The WABAs listed are where Meta sends; the numbers overridden may belong to other WABAs, so no WABA filter.
		overrideTargets.wabaIds = filters.wabaIds;
		overrideTargets.phoneNumberIds = parseParameter(
			node,
			PHONE_NUMBER_LIST_PARAMETER,
			locatorIds(context.getNodeParameter('overridePhoneNumbers', {}), 'phoneNumber', 'phoneNumberId'),
		);
		filters.wabaIds = [];
	}
	return {
		manageSubscription,
		subscriptionScope,
		overrideTargets,
		groups,
		selectedEvents,
		filters,
		includeOtherFields: options.includeOtherFields !== false,
		skipSignatureVerification: options.skipSignatureVerification === true,
	};
}

export function isSelected(event: PhoneNumberEvent, settings: TriggerSettings): boolean {
	if (event.eventGroup === 'other') return true;
	return settings.selectedEvents.has(event.eventGroup === 'identity' ? event.event : event.field);
}

/** The webhook fields the app must be subscribed to for the selected events. */
export function subscribedFields(settings: TriggerSettings): string[] {
	const fields = [...settings.groups].flatMap((group) =>
		Object.entries(EVENT_CATALOGUE[group])
			.filter(([event]) => settings.selectedEvents.has(event))
			.map(([, field]) => field),
	);
	return [...new Set(fields)].sort();
}

/**
 * Refuses to activate a trigger that could not tell Meta's deliveries from forged ones,
 * or could not answer Meta's verification request.
 */
export function assertCanReceive(node: INode, credentials: ICredentialDataDecryptedObject, settings: TriggerSettings): void {
	if (!credentials.appSecret && !settings.skipSignatureVerification) {
		throw new NodeOperationError(node, 'The credential has no App Secret, so deliveries cannot be verified', {
			description:
				'Add the App Secret of your Meta app (App Dashboard → App settings → Basic) to the WhatsApp Business Management API credential. Without it anyone who learns the webhook URL could start this workflow with forged events. Only if you cannot, turn on Options → "Skip Signature Verification (Unsafe)".',
		});
	}
	if (!credentials.webhookVerifyToken) {
		throw new NodeOperationError(node, 'The credential has no Webhook Verify Token', {
			description:
				'Set a Webhook Verify Token (a secret string of your choice) in the WhatsApp Business Management API credential. Meta sends it back when it checks the callback URL, and the trigger answers only when it matches.',
		});
	}
	if (settings.manageSubscription && settings.subscriptionScope === 'override') {
		assertCanOverride(node, credentials, settings);
		return;
	}
	if (settings.manageSubscription && (!credentials.appId || !credentials.appSecret)) {
		throw new NodeOperationError(node, 'Managing the subscription needs the App ID and App Secret', {
			description:
				'Meta accepts app subscriptions only with the app access token made of the App ID and App Secret. Add both to the credential, or turn off "Manage Subscription Automatically" and set the webhook up in the Meta App Dashboard.',
		});
	}
}

/** Override mode needs something to point here, and events that can arrive there. */
function assertCanOverride(node: INode, credentials: ICredentialDataDecryptedObject, settings: TriggerSettings): void {
	const { wabaIds, phoneNumberIds } = settings.overrideTargets;
	if (!wabaIds.length && !phoneNumberIds.length) {
		throw new NodeOperationError(node, 'Override mode needs at least one WABA or phone number to point here', {
			description:
				'Add the WABAs under "WhatsApp Business Accounts" or the numbers under "Phone Numbers to Point Here" whose messaging webhooks this workflow should receive, or subscribe the whole app instead.',
		});
	}
	const fields = subscribedFields(settings);
	if (!fields.some((field) => FIELDS_FOLLOWING_OVERRIDES.includes(field))) {
		throw new NodeOperationError(node, 'None of the picked events can arrive through an override', {
			description: `Only messaging fields follow an override, so only the identity events and account_settings_update reach this workflow in override mode; ${fields.join(', ')} always go to the app's callback URL. Pick identity events or Account Settings Update, or subscribe the whole app instead.`,
		});
	}
	if (wabaIds.length && !isGraphId('graphObject', String(credentials.appId ?? ''))) {
		throw new NodeOperationError(node, 'Overriding a WABA needs the App ID', {
			description:
				"A WABA lists every app subscribed to it; the trigger finds its own entry by the App ID. Copy the App ID from App Dashboard → App settings → Basic into the credential.",
		});
	}
}
