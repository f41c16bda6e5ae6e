import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { parseGraphTime } from '../shared/graphTime';

export const WHATSAPP_BUSINESS_ACCOUNT = 'whatsapp_business_account';

export type EventGroup = 'capability' | 'status' | 'identity';

/** Events derived from `messages` webhooks: what the identity group offers. */
export const IDENTITY_EVENTS = {
	hashSeen: 'identity_key_hash_seen',
	hashChanged: 'identity_key_hash_changed',
	legacyIdentityChanged: 'customer_identity_changed',
	sendRefused: 'identity_send_refused',
} as const;

/** Meta refuses a send when the hash given with it no longer matches the customer's. */
export const IDENTITY_MISMATCH_ERROR_CODE = 137000;

/** The webhook field each selectable event arrives in, by group. */
export const EVENT_CATALOGUE: Record<EventGroup, Record<string, string>> = {
	capability: { business_capability_update: 'business_capability_update' },
	status: {
		phone_number_quality_update: 'phone_number_quality_update',
		phone_number_name_update: 'phone_number_name_update',
		account_update: 'account_update',
		security: 'security',
	},
	identity: {
		[IDENTITY_EVENTS.hashSeen]: 'messages',
		[IDENTITY_EVENTS.hashChanged]: 'messages',
		[IDENTITY_EVENTS.legacyIdentityChanged]: 'messages',
		[IDENTITY_EVENTS.sendRefused]: 'messages',
	},
};

const GROUP_OF_FIELD: Record<string, EventGroup> = Object.fromEntries(
	(Object.entries(EVENT_CATALOGUE) as Array<[EventGroup, Record<string, string>]>).flatMap(([group, events]) =>
		Object.values(events).map((field) => [field, group]),
	),
);

/** One output item: the same keys for every event, null where the payload has no value. */
export interface PhoneNumberEvent extends IDataObject {
	eventGroup: EventGroup | 'other';
	field: string;
	event: string;
	wabaId: string | null;
	entryTime: string | null;
	displayPhoneNumber: string | null;
	phoneNumberId: string | null;
	waId: string | null;
	identityKeyHash: string | null;
	previousIdentityKeyHash: string | null;
	value: IDataObject;
}

/** One `entry[].changes[]` element with the entry it came in. */
export interface WebhookChange {
	wabaId: string | null;
	entryTime: number | string | null;
	field: string;
	value: IDataObject;
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectsIn(value: unknown): IDataObject[] {
	return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string | null {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

/**
 * The envelope of a delivery, read from the raw bytes that were signed. Undefined for
 * anything that is not a WhatsApp Business Account notification with an `entry` list.
 */
export function readEnvelope(rawBody: unknown, parsedBody: unknown): IDataObject | undefined {
	let body = parsedBody;
	if (Buffer.isBuffer(rawBody) || typeof rawBody === 'string') {
		try {
			body = JSON.parse(rawBody.toString()) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!isObject(body) || body.object !== WHATSAPP_BUSINESS_ACCOUNT || !Array.isArray(body.entry)) return undefined;
	return body;
}

export function changesOf(envelope: IDataObject): WebhookChange[] {
	return objectsIn(envelope.entry).flatMap((entry) =>
		objectsIn(entry.changes)
			.filter((change) => typeof change.field === 'string' && isObject(change.value))
			.map((change) => ({
				wabaId: text(entry.id),
				entryTime: (entry.time as number | string | undefined) ?? null,
				field: change.field as string,
				value: change.value as IDataObject,
			})),
	);
}

export function groupOfField(field: string): EventGroup | undefined {
	return GROUP_OF_FIELD[field];
}

/** The event name inside a field: `event` for most, `decision` for name reviews, else the field. */
function eventNameOf(field: string, value: IDataObject): string {
	return text(value.event) ?? text(value.decision) ?? field;
}

function baseEvent(change: WebhookChange, eventGroup: PhoneNumberEvent['eventGroup'], event: string) {
	const metadata = isObject(change.value.metadata) ? change.value.metadata : {};
	return {
		eventGroup,
		field: change.field,
		event,
		wabaId: change.wabaId,
		entryTime: parseGraphTime(change.entryTime)?.toISOString() ?? null,
		displayPhoneNumber:
			text(change.value.display_phone_number) ?? text(metadata.display_phone_number) ?? text(change.value.phone_number),
		phoneNumberId: text(change.value.phone_number_id) ?? text(metadata.phone_number_id),
		waId: null,
		identityKeyHash: null,
		previousIdentityKeyHash: null,
		// Each item gets its own copy, so a later node editing one cannot change another.
		value: deepCopy(change.value),
	} satisfies PhoneNumberEvent;
}

function isLegacyIdentityChange(message: IDataObject): boolean {
	const system = isObject(message.system) ? message.system : {};
	return message.type === IDENTITY_EVENTS.legacyIdentityChanged || system.type === IDENTITY_EVENTS.legacyIdentityChanged;
}

/**
 * The identity events a `messages` change carries, in payload order: a hash seen on a
 * contact or a status, a legacy identity-changed system message, a send refused with
 * 137000. "Hash changed" needs the memory and is added by `detectIdentityChanges`.
 */
function identityEventsOf(change: WebhookChange): PhoneNumberEvent[] {
	const { value } = change;
	const events: PhoneNumberEvent[] = [];
	const identityEvent = (event: string, waId: string | null, identityKeyHash: string | null): PhoneNumberEvent => ({
		...baseEvent(change, 'identity', event),
		waId,
		identityKeyHash,
	});

	for (const contact of objectsIn(value.contacts)) {
		const hash = text(contact.identity_key_hash);
		if (hash) events.push(identityEvent(IDENTITY_EVENTS.hashSeen, text(contact.wa_id), hash));
	}
	for (const message of objectsIn(value.messages).filter(isLegacyIdentityChange)) {
		const system = isObject(message.system) ? message.system : {};
		const identity = isObject(message.identity) ? message.identity : {};
		const waId = text(message.from) ?? text(system.customer) ?? text(system.wa_id);
		events.push(identityEvent(IDENTITY_EVENTS.legacyIdentityChanged, waId, text(identity.hash)));
	}
	for (const status of objectsIn(value.statuses)) {
		const waId = text(status.recipient_id);
		const hash = text(status.recipient_identity_key_hash);
		if (hash) events.push(identityEvent(IDENTITY_EVENTS.hashSeen, waId, hash));
		if (objectsIn(status.errors).some((error) => Number(error.code) === IDENTITY_MISMATCH_ERROR_CODE)) {
			events.push(identityEvent(IDENTITY_EVENTS.sendRefused, waId, hash));
		}
	}
	return events;
}

/**
 * The events of one change, before filters. Fields of a group the user did not pick
 * give nothing; fields this node does not know pass through as group `other` when
 * `includeOtherFields` is on.
 */
export function eventsOfChange(
	change: WebhookChange,
	{ groups, includeOtherFields }: { groups: ReadonlySet<EventGroup>; includeOtherFields: boolean },
): PhoneNumberEvent[] {
	const group = groupOfField(change.field);
	if (!group) return includeOtherFields ? [baseEvent(change, 'other', eventNameOf(change.field, change.value))] : [];
	if (!groups.has(group)) return [];
	if (group === 'identity') return identityEventsOf(change);
	return [baseEvent(change, group, eventNameOf(change.field, change.value))];
}
