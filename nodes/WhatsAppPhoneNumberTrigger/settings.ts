import type { ICredentialDataDecryptedObject, IDataObject, IHookFunctions, INode, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defaultOf } from './description';
import { EVENT_CATALOGUE, type EventGroup, type PhoneNumberEvent } from './events';
import { parseFilters, type EventFilters } from './filters';

export interface TriggerSettings {
	manageSubscription: boolean;
	groups: ReadonlySet<EventGroup>;
	/** Field names for capability and status events, derived event names for identity. */
	selectedEvents: ReadonlySet<string>;
	filters: EventFilters;
	includeOtherFields: boolean;
	skipSignatureVerification: boolean;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

const EVENT_PARAMETERS: Record<EventGroup, string> = {
	capability: 'capabilityEvents',
	status: 'statusEvents',
	identity: 'identityEvents',
};

function isEventGroup(value: string): value is EventGroup {
	return value in EVENT_CATALOGUE;
}

export function readOptions(context: TriggerContext): IDataObject {
	return context.getNodeParameter('options', {}) as IDataObject;
}

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
	const groups = new Set(
		(context.getNodeParameter('eventGroups', defaultOf<string[]>('eventGroups')) as string[]).filter(isEventGroup),
	);
	const selectedEvents = new Set(
		[...groups].flatMap((group) => {
			const parameter = EVENT_PARAMETERS[group];
			return context.getNodeParameter(parameter, defaultOf<string[]>(parameter)) as string[];
		}),
	);
	if (selectedEvents.size === 0) {
		throw new NodeOperationError(node, 'Pick at least one event', {
			description: 'Choose an event group under "Event Groups" and at least one event inside it.',
		});
	}
	const options = readOptions(context);
	return {
		manageSubscription: context.getNodeParameter('manageSubscription', defaultOf<boolean>('manageSubscription')) as boolean,
		groups,
		selectedEvents,
		filters: parseFilters(node, {
			wabaIds: context.getNodeParameter('wabaIds', ''),
			businessNumbers: options.businessNumbers,
			eventNames: options.eventNames,
		}),
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
	if (settings.manageSubscription && (!credentials.appId || !credentials.appSecret)) {
		throw new NodeOperationError(node, 'Managing the subscription needs the App ID and App Secret', {
			description:
				'Meta accepts app subscriptions only with the app access token made of the App ID and App Secret. Add both to the credential, or turn off "Manage Subscription Automatically" and set the webhook up in the Meta App Dashboard.',
		});
	}
}
