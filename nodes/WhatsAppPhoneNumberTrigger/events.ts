import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { parseGraphTime } from '../shared/graphTime';

export const WHATSAPP_BUSINESS_ACCOUNT = 'whatsapp_business_account';

export type EventGroup = 'capability' | 'status' | 'template' | 'identity';

/** Events derived from `messages` webhooks: what the identity group offers. */
export const IDENTITY_EVENTS = {
	hashSeen: 'identity_key_hash_seen',
	hashChanged: 'identity_key_hash_changed',
	legacyIdentityChanged: 'customer_identity_changed',
	sendRefused: 'identity_send_refused',
	/** Meta's system message when a customer's business-scoped user ID changes (new phone number). */
	userIdChanged: 'user_changed_user_id',
} as const;

/**
 * Meta's field for business-username decisions. Its documents name it `business_username_updates`
 * (the field to subscribe) and show `business_username_update` in the payload: both are read.
 */
export const BUSINESS_USERNAME_FIELD = 'business_username_updates';
const FIELD_ALIASES: Record<string, string> = { business_username_update: BUSINESS_USERNAME_FIELD };

/** Meta refuses a send when the hash given with it no longer matches the customer's. */
export const IDENTITY_MISMATCH_ERROR_CODE = 137000;

/** The webhook field each selectable event arrives in, by group. */
export const EVENT_CATALOGUE: Record<EventGroup, Record<string, string>> = {
	capability: { business_capability_update: 'business_capability_update' },
	status: {
		phone_number_quality_update: 'phone_number_quality_update',
		phone_number_name_update: 'phone_number_name_update',
		account_update: 'account_update',
		account_alerts: 'account_alerts',
		account_review_update: 'account_review_update',
		[BUSINESS_USERNAME_FIELD]: BUSINESS_USERNAME_FIELD,
		account_settings_update: 'account_settings_update',
		security: 'security',
	},
	template: {
		message_template_status_update: 'message_template_status_update',
		message_template_quality_update: 'message_template_quality_update',
		template_category_update: 'template_category_update',
	},
	identity: {
		[IDENTITY_EVENTS.hashSeen]: 'messages',
		[IDENTITY_EVENTS.hashChanged]: 'messages',
		[IDENTITY_EVENTS.legacyIdentityChanged]: 'messages',
		[IDENTITY_EVENTS.sendRefused]: 'messages',
		[IDENTITY_EVENTS.userIdChanged]: 'messages',
	},
};

const GROUP_OF_FIELD: Record<string, EventGroup> = Object.fromEntries(
	(Object.entries(EVENT_CATALOGUE) as Array<[EventGroup, Record<string, string>]>).flatMap(([group, events]) =>
		Object.values(events).map((field) => [field, group]),
	),
);

/** A field by the name this node knows it under (one field Meta spells two ways). */
function canonicalField(field: string): string {
	return FIELD_ALIASES[field] ?? field;
}

/** One output item: the same keys for every event, null where the payload has no value. */
export interface PhoneNumberEvent extends IDataObject {
	eventGroup: EventGroup | 'other';
	field: string;
	event: string;
	/** The WABA the event is about: `value.waba_info.waba_id` where the payload has one, else the entry's ID. */
	wabaId: string | null;
	/**
	 * The entry's ID when it is not that WABA: the business portfolio a partner event
	 * (PARTNER_ADDED and the other `account_update` events with `waba_info`) is addressed to.
	 */
	businessPortfolioId: string | null;
	entryTime: string | null;
	displayPhoneNumber: string | null;
	phoneNumberId: string | null;
	waId: string | null;
	/** Meta's business-scoped user ID, where the payload has one (customers without a wa_id). */
	userId: string | null;
	identityKeyHash: string | null;
	previousIdentityKeyHash: string | null;
	/** Identifies the change: a redelivery of it has the same ID. */
	changeId: string;
	value: IDataObject;
}

/** One `entry[].changes[]` element with the entry it came in. */
export interface WebhookChange {
	wabaId: string | null;
	entryTime: number | string | null;
	field: string;
	value: IDataObject;
	/** The change's identity for redelivery checks, computed once when it is received. */
	changeId: string;
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

/** Meta's webhook payloads are at most 3 MB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
/** Meta's payloads nest about eight levels; far deeper is not a WhatsApp notification. */
export const MAX_NESTING = 32;
/** Changes read from one delivery; Meta batches a few. */
export const CHANGES_PER_DELIVERY_LIMIT = 100;

const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Why a body is refused before it is read, or undefined. One pass over the bytes, no recursion. */
export function bodyProblem(rawBody: Buffer): string | undefined {
	if (rawBody.length > MAX_BODY_BYTES) return `is ${rawBody.length} bytes, more than ${MAX_BODY_BYTES}`;
	let depth = 0;
	let inString = false;
	for (let index = 0; index < rawBody.length; index++) {
		const byte = rawBody[index];
		if (inString) {
			if (byte === 0x5c) index++;
			else if (byte === 0x22) inString = false;
		} else if (byte === 0x22) {
			inString = true;
		} else if (OPENERS.has(byte)) {
			if (++depth > MAX_NESTING) return `nests more than ${MAX_NESTING} levels deep`;
		} else if (CLOSERS.has(byte)) {
			depth--;
		}
	}
	return undefined;
}

/**
 * The envelope of a delivery. n8n parsed it from the same raw bytes that were signed;
 * they are parsed here only when n8n did not (a content type other than JSON).
 * Undefined for anything that is not a WhatsApp Business Account notification.
 */
export function readEnvelope(rawBody: Buffer, parsedBody: unknown): IDataObject | undefined {
	let body = parsedBody;
	if (!isObject(body) || body.object === undefined) {
		try {
			body = JSON.parse(rawBody.toString('utf8')) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!isObject(body) || body.object !== WHATSAPP_BUSINESS_ACCOUNT || !Array.isArray(body.entry)) return undefined;
	return body;
}

/**
 * A redelivery repeats the entry (WABA ID and time), the field and the value byte for byte.
 * The time is part of it so that the same event happening again later (FLAGGED, UNFLAGGED,
 * then FLAGGED) is not taken for a redelivery.
 */
function changeIdOf(wabaId: string | null, entryTime: unknown, field: string, value: IDataObject): string {
	const text = JSON.stringify([wabaId, entryTime ?? null, field, value]);
	// 96 bits: collisions among the thousand remembered are out of reach; short keeps static data small.
	return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 16);
}

/** The changes of a delivery in payload order, each with its `changeId`. */
export function changesOf(envelope: IDataObject): WebhookChange[] {
	const changes: WebhookChange[] = [];
	for (const entry of objectsIn(envelope.entry)) {
		for (const change of objectsIn(entry.changes)) {
			if (typeof change.field !== 'string' || !isObject(change.value)) continue;
			const wabaId = text(entry.id);
			const entryTime = (entry.time as number | string | undefined) ?? null;
			changes.push({
				wabaId,
				entryTime,
				field: canonicalField(change.field),
				value: change.value,
				changeId: changeIdOf(wabaId, entryTime, change.field, change.value),
			});
		}
	}
	return changes;
}

export function groupOfField(field: string): EventGroup | undefined {
	return GROUP_OF_FIELD[field];
}

/**
 * Where a field's event name is, tried in order: `event` for most fields, `decision` for
 * name and account reviews, `alert_info.alert_type` for account alerts (`alert_type` in the
 * older flat shape). A field Meta adds later is read the same way, else named after itself.
 */
const EVENT_NAME_PATHS: ReadonlyArray<readonly string[]> = [['event'], ['decision'], ['alert_info', 'alert_type'], ['alert_type']];

/**
 * Fields without an `event`, named by what changed: the username's `status` (approved, reserved,
 * deleted), the template's new quality score, the category a template is or will be in
 * (`correct_category` announces a change 24 hours ahead), the kind of settings changed.
 */
const EVENT_NAME_PATHS_OF_FIELD: Record<string, ReadonlyArray<readonly string[]>> = {
	[BUSINESS_USERNAME_FIELD]: [['status']],
	message_template_quality_update: [['new_quality_score']],
	template_category_update: [['correct_category'], ['new_category']],
	account_settings_update: [['type']],
};

function valueAt(value: IDataObject, path: readonly string[]): unknown {
	let current: unknown = value;
	for (const key of path) current = isObject(current) ? current[key] : undefined;
	return current;
}

function eventNameOf(field: string, value: IDataObject): string {
	for (const path of [...(EVENT_NAME_PATHS_OF_FIELD[field] ?? []), ...EVENT_NAME_PATHS]) {
		const name = text(valueAt(value, path));
		if (name) return name;
	}
	return field;
}

/** Account alerts name their subject by type; a phone number's `entity_id` is its phone-number ID. */
function alertedPhoneNumberId(value: IDataObject): string | null {
	return value.entity_type === 'PHONE_NUMBER' ? text(value.entity_id) : null;
}

/** `account_settings_update` names the number whose settings changed inside `phone_number_settings`. */
function settingsPhoneNumberId(value: IDataObject): string | null {
	return isObject(value.phone_number_settings) ? text(value.phone_number_settings.phone_number_id) : null;
}

/**
 * Partner events (`account_update` PARTNER_ADDED, PARTNER_APP_INSTALLED, AD_ACCOUNT_LINKED …) are
 * addressed to the solution partner's business portfolio (`entry.id`) and name the client's WABA
 * in `waba_info.waba_id`: the event is about that WABA, and the portfolio is kept beside it.
 */
function subjectOf(change: WebhookChange): { wabaId: string | null; businessPortfolioId: string | null } {
	const wabaInfo = isObject(change.value.waba_info) ? change.value.waba_info : {};
	const aboutWaba = text(wabaInfo.waba_id);
	if (!aboutWaba || aboutWaba === change.wabaId) return { wabaId: change.wabaId, businessPortfolioId: null };
	return { wabaId: aboutWaba, businessPortfolioId: change.wabaId };
}

function baseEvent(
	change: WebhookChange,
	eventGroup: PhoneNumberEvent['eventGroup'],
	event: string,
	value: IDataObject = change.value,
) {
	const metadata = isObject(change.value.metadata) ? change.value.metadata : {};
	return {
		eventGroup,
		field: change.field,
		event,
		...subjectOf(change),
		entryTime: parseGraphTime(change.entryTime)?.toISOString() ?? null,
		displayPhoneNumber:
			text(change.value.display_phone_number) ?? text(metadata.display_phone_number) ?? text(change.value.phone_number),
		phoneNumberId:
			text(change.value.phone_number_id) ??
			text(metadata.phone_number_id) ??
			alertedPhoneNumberId(change.value) ??
			settingsPhoneNumberId(change.value),
		waId: null,
		userId: null,
		identityKeyHash: null,
		previousIdentityKeyHash: null,
		changeId: change.changeId,
		value,
	} satisfies PhoneNumberEvent;
}

function isLegacyIdentityChange(message: IDataObject): boolean {
	const system = isObject(message.system) ? message.system : {};
	return message.type === IDENTITY_EVENTS.legacyIdentityChanged || system.type === IDENTITY_EVENTS.legacyIdentityChanged;
}

function isUserIdChange(message: IDataObject): boolean {
	return isObject(message.system) && message.system.type === IDENTITY_EVENTS.userIdChanged;
}

/**
 * The identity events a `messages` change carries, in payload order: a hash seen on a
 * contact or a status, a legacy identity-changed system message, a send refused with
 * 137000. "Hash changed" needs the memory and is added by `IdentityTracker.detect` (identity.ts).
 */
function identityEventsOf(change: WebhookChange): PhoneNumberEvent[] {
	const { value } = change;
	const events: PhoneNumberEvent[] = [];
	// Each event carries the one contact, message or status it is about, in the change's shape
	// (`value.contacts[0]`, ...), not a copy of every other one the change holds.
	const { contacts, messages, statuses, ...envelope } = value;
	const identityEvent = (
		event: string,
		customer: { waId: string | null; userId: string | null },
		identityKeyHash: string | null,
		part: IDataObject,
	): PhoneNumberEvent => ({
		...baseEvent(change, 'identity', event, { ...envelope, ...part }),
		waId: customer.waId,
		userId: customer.userId,
		identityKeyHash,
	});

	for (const contact of objectsIn(contacts)) {
		const hash = text(contact.identity_key_hash);
		const customer = { waId: text(contact.wa_id), userId: text(contact.user_id) };
		if (hash) events.push(identityEvent(IDENTITY_EVENTS.hashSeen, customer, hash, { contacts: [contact] }));
	}
	for (const message of objectsIn(messages).filter(isLegacyIdentityChange)) {
		const system = isObject(message.system) ? message.system : {};
		const identity = isObject(message.identity) ? message.identity : {};
		const customer = {
			waId: text(message.from) ?? text(system.customer) ?? text(system.wa_id),
			userId: text(message.from_user_id) ?? text(message.user_id) ?? text(system.user_id),
		};
		events.push(identityEvent(IDENTITY_EVENTS.legacyIdentityChanged, customer, text(identity.hash), { messages: [message] }));
	}
	// The customer's new business-scoped user ID; `wa_id` and `from` are left out for customers
	// whose phone number Meta does not share (usernames), so the item's waId is then null.
	for (const message of objectsIn(messages).filter(isUserIdChange)) {
		const system = message.system as IDataObject;
		const customer = {
			waId: text(system.wa_id) ?? text(message.from),
			userId: text(system.user_id) ?? text(message.from_user_id),
		};
		events.push(identityEvent(IDENTITY_EVENTS.userIdChanged, customer, null, { messages: [message] }));
	}
	for (const status of objectsIn(statuses)) {
		const customer = { waId: text(status.recipient_id), userId: text(status.recipient_user_id) ?? text(status.user_id) };
		const hash = text(status.recipient_identity_key_hash);
		if (hash) events.push(identityEvent(IDENTITY_EVENTS.hashSeen, customer, hash, { statuses: [status] }));
		if (objectsIn(status.errors).some((error) => text(error.code) === String(IDENTITY_MISMATCH_ERROR_CODE))) {
			events.push(identityEvent(IDENTITY_EVENTS.sendRefused, customer, hash, { statuses: [status] }));
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
