import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { parseGraphTime } from '../shared/graphTime';

import { IDENTITY_EVENTS, type PhoneNumberEvent, type WebhookChange } from './events';

/**
 * What the trigger remembers between deliveries. It lives in the workflow's static data
 * (`getWorkflowStaticData('node')`), which n8n saves with the workflow after each
 * webhook call, so it survives restarts and every webhook process reads the same copy.
 * Both lists are ordered oldest first and cut from the front when full.
 */
export interface TriggerMemory extends IDataObject {
	/** Fingerprints of changes that already started an execution. */
	deliveredChanges?: string[];
	/** The last identity key hash seen per `<business number>:<customer wa_id>`. */
	identityKeyHashes?: Array<[string, string]>;
}

/** Meta retries for hours; a thousand changes covers many retries of every recent one. */
export const DELIVERED_CHANGES_LIMIT = 1000;
/** Customers whose last identity hash is kept (about 60 bytes each). */
export const IDENTITY_HASHES_LIMIT = 2000;

/** JSON with object keys sorted, so the same value always gives the same text. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.keys(value)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * A redelivery repeats the entry (WABA ID and time), the field and the value. The time
 * is part of the fingerprint so that the same event happening again later (FLAGGED,
 * UNFLAGGED, then FLAGGED) is not mistaken for a redelivery.
 */
export function changeFingerprint(change: WebhookChange): string {
	// The time as the output item shows it, so the execution can recompute it from the item.
	const entryTime = parseGraphTime(change.entryTime)?.toISOString() ?? change.entryTime;
	const text = canonicalJson([change.wabaId, entryTime, change.field, change.value]);
	return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

export function wasDelivered(memory: TriggerMemory, fingerprint: string): boolean {
	return (memory.deliveredChanges ?? []).includes(fingerprint);
}

/** Keeps the newest `limit` entries. Assigning a new array marks the static data as changed. */
function keepNewest<T>(list: T[], limit: number): T[] {
	return list.length > limit ? list.slice(list.length - limit) : list;
}

export function rememberDelivered(memory: TriggerMemory, fingerprint: string, limit = DELIVERED_CHANGES_LIMIT): void {
	memory.deliveredChanges = keepNewest([...(memory.deliveredChanges ?? []), fingerprint], limit);
}

function customerKey(event: PhoneNumberEvent): string | undefined {
	const businessNumber = event.phoneNumberId ?? event.displayPhoneNumber?.replace(/\D/g, '');
	return businessNumber && event.waId ? `${businessNumber}:${event.waId}` : undefined;
}

/** Stores the hash as the customer's newest and returns the one it replaces, if any. */
function rememberIdentityHash(
	memory: TriggerMemory,
	key: string,
	hash: string,
	limit: number,
): string | undefined {
	const known = memory.identityKeyHashes ?? [];
	const previous = known.find(([customer]) => customer === key)?.[1];
	const others = known.filter(([customer]) => customer !== key);
	memory.identityKeyHashes = keepNewest([...others, [key, hash]], limit);
	return previous;
}

/**
 * Compares each identity hash with the last one this workflow saw for the same customer
 * and business number, and adds a "hash changed" event after each "hash seen" event
 * whose hash differs. A legacy identity-changed message updates the memory too, so the
 * new hash is not reported a second time when it next appears on a contact or status.
 */
export function detectIdentityChanges(
	events: PhoneNumberEvent[],
	memory: TriggerMemory,
	limit = IDENTITY_HASHES_LIMIT,
): PhoneNumberEvent[] {
	return events.flatMap((event) => {
		const key = customerKey(event);
		const remembers =
			event.event === IDENTITY_EVENTS.hashSeen || event.event === IDENTITY_EVENTS.legacyIdentityChanged;
		if (event.eventGroup !== 'identity' || !remembers || !key || !event.identityKeyHash) return [event];

		const previous = rememberIdentityHash(memory, key, event.identityKeyHash, limit);
		if (event.event !== IDENTITY_EVENTS.hashSeen || previous === undefined || previous === event.identityKeyHash) {
			return [event];
		}
		const changed: PhoneNumberEvent = {
			...event,
			event: IDENTITY_EVENTS.hashChanged,
			previousIdentityKeyHash: previous,
			value: deepCopy(event.value),
		};
		return [event, changed];
	});
}

const REMEMBERED_IDENTITY_EVENTS: ReadonlySet<string> = new Set([
	IDENTITY_EVENTS.hashSeen,
	IDENTITY_EVENTS.hashChanged,
	IDENTITY_EVENTS.legacyIdentityChanged,
]);

/**
 * Applies again, from the output items, what receiving a delivery wrote to the memory.
 *
 * Why: when a delivery starts an execution, n8n 2.41 builds the execution's workflow on the
 * same static data and clears its "changed" mark before saving it after `webhook()`, so what
 * the trigger remembered is not saved (deliveries that start nothing are saved normally).
 * The execution starts at this node with its own copy of the stored static data, which n8n
 * saves when the execution ends: replaying the updates there persists them.
 */
export function replayMemoryUpdates(memory: TriggerMemory, events: PhoneNumberEvent[]): void {
	for (const event of events) {
		const fingerprint = changeFingerprint({
			wabaId: event.wabaId,
			entryTime: event.entryTime,
			field: event.field,
			value: event.value,
		});
		if (!wasDelivered(memory, fingerprint)) rememberDelivered(memory, fingerprint);
		const key = customerKey(event);
		if (REMEMBERED_IDENTITY_EVENTS.has(event.event) && key && event.identityKeyHash) {
			rememberIdentityHash(memory, key, event.identityKeyHash, IDENTITY_HASHES_LIMIT);
		}
	}
}
