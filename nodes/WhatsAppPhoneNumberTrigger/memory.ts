import { createHash, randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers between deliveries: the changes that already started the
 * workflow, and each customer's last identity key hash.
 *
 * Two copies, kept in step on every delivery:
 * - this process's copy (module state: sets and maps, constant time per event), which
 *   sees every delivery this process handles, including simultaneous ones;
 * - the workflow's static data, which n8n stores with the workflow and every process
 *   (main, webhook processes) loads for each request. It is the shared copy across
 *   processes and restarts. Only `webhook()` writes it, once the delivery is stored
 *   (see `receive.ts`: n8n saves it just before it answers 200); an execution never
 *   does, because a queue-mode worker runs on an empty static-data object and would
 *   save that over the stored one.
 *
 * A delivery's entries are staged and reach both copies in `save()`: a delivery n8n
 * failed to store (no 200) leaves no trace, so Meta's redelivery of it is not dropped.
 *
 * Two processes that save at the same moment can each overwrite the other's newest
 * entries. Every save carries a new revision; a process that loads a revision it did
 * not write merges the stored copy into its own and writes the union back, so an entry
 * lost that way is written again by the next delivery that process handles.
 */
export interface StoredMemory extends IDataObject {
	/** Revision of the last write; a process that did not write it merges. */
	revision?: string;
	/** The `changeId`s of changes that started the workflow, oldest first, 16 characters each. */
	changes?: string;
	/**
	 * Customers' identity hashes as lines `<key> <hash> <recorded at, ms>[ ^<earlier hash>]`,
	 * oldest first; a later line for a customer replaces an earlier one. Appended to, and
	 * rewritten without the replaced lines when it grows past a quarter over the limit. The
	 * earlier hash is written by a process that knew it and found the line's hash newer in
	 * another process's copy (see `LateIdentityChange`).
	 */
	customers?: string;
	customerLines?: number;
}

// Plain strings, not arrays and objects: n8n wraps every nested object of static data in a
// Proxy on each request, which made a thousand entries cost more than the delivery itself.

/** Meta retries for hours; a thousand changes covers many retries of every recent one. */
export const DELIVERED_CHANGES_LIMIT = 1000;
/** Customers whose last identity hash is kept (at most about 200 bytes each). */
export const IDENTITY_HASHES_LIMIT = 2000;
/** Identity key hashes are short base64 strings; anything longer is not remembered. */
export const MAX_IDENTITY_HASH_LENGTH = 128;
const CHANGE_ID_LENGTH = 16;
const COMPACT_CUSTOMER_LINES = Math.floor(IDENTITY_HASHES_LIMIT * 1.25);
/** Customers first seen by this process whose event it keeps (process memory only). */
export const FIRST_SEEN_LIMIT = 200;
/** A first-seen event larger than this (serialised) is not kept. */
const MAX_FIRST_SEEN_EVENT_LENGTH = 4096;

/**
 * A customer's hash change that two webhook processes each saw half of. Two processes that
 * save at once keep one process's newest entries only (last writer wins); a customer's new
 * hash that then reaches the other process is compared with nothing and recorded as first
 * seen. The process that recorded it keeps the event (in its memory, never in the static
 * data: it holds the customer's number), and reports the change once a copy shows it the
 * earlier hash: a line of the other process with that hash, or the earlier hash that process
 * wrote beside the newer one (`^` in `customers`).
 */
export interface LateIdentityChange {
	/** The customer's key (`customerKey`). */
	key: string;
	previousHash: string;
	/** The event that carried the newer hash. */
	event: IDataObject;
}

/** Whether a hash can be stored on one line of `customers`. */
export function isStorableHash(hash: string): boolean {
	return hash.length <= MAX_IDENTITY_HASH_LENGTH && !/\s/.test(hash);
}

// Times in base 36: 8 characters instead of 13.
const customerLine = (key: string, [hash, at]: [string, number], earlier?: string) =>
	`${key} ${hash} ${at.toString(36)}${earlier ? ` ^${earlier}` : ''}\n`;

/** The stored `changeId`s, oldest first. */
export function storedChanges(stored: StoredMemory): string[] {
	const text = typeof stored.changes === 'string' ? stored.changes : '';
	const changeIds: string[] = [];
	const whole = text.length - (text.length % CHANGE_ID_LENGTH);
	const first = Math.max(0, whole - DELIVERED_CHANGES_LIMIT * CHANGE_ID_LENGTH);
	for (let offset = first; offset + CHANGE_ID_LENGTH <= whole; offset += CHANGE_ID_LENGTH) {
		changeIds.push(text.slice(offset, offset + CHANGE_ID_LENGTH));
	}
	return changeIds;
}

/** The stored customers with their last hash and when it was recorded, oldest first. */
export function storedCustomers(stored: StoredMemory): Map<string, [string, number]> {
	const customers = new Map<string, [string, number]>();
	const lines = typeof stored.customers === 'string' ? stored.customers.split('\n') : [];
	for (const line of lines) {
		const [key, hash, at] = line.split(' ');
		if (!key || !hash) continue;
		customers.delete(key);
		customers.set(key, [hash, parseInt(at, 36) || 0]);
	}
	trimOldest(customers, IDENTITY_HASHES_LIMIT);
	return customers;
}

/** The earlier hashes written beside customers' lines (`^`), by customer key. */
function storedEarlierHashes(stored: StoredMemory): Map<string, string> {
	const earlier = new Map<string, string>();
	const lines = typeof stored.customers === 'string' ? stored.customers.split('\n') : [];
	for (const line of lines) {
		const [key, hash, , mark] = line.split(' ');
		if (!key || !hash) continue;
		if (mark?.startsWith('^') && mark.length > 1) earlier.set(key, mark.slice(1));
		else earlier.delete(key);
	}
	return earlier;
}

interface ProcessMemory {
	changes: Set<string>;
	customers: Map<string, [string, number]>;
	/**
	 * What this process recorded that no copy written by another process has shown yet. Only
	 * these are written back when missing from a merged copy: an older entry missing there was
	 * dropped on purpose (the other process trimmed it), not lost.
	 */
	unconfirmedChanges: Set<string>;
	unconfirmedCustomers: Set<string>;
	/** Customers this process recorded with no earlier hash: the hash and the event that carried it. */
	firstSeen: Map<string, { hash: string; event: IDataObject }>;
	/** Earlier hashes to write beside customers' lines (see `LateIdentityChange`). */
	earlierHashes: Map<string, string>;
	/** Changes found in a merge, by customer key, until a delivery that carries them is saved. */
	late: Map<string, LateIdentityChange>;
	/** The stored revision this copy last wrote or merged. */
	syncedRevision?: string;
}

const processMemories = new Map<string, ProcessMemory>();

function processMemoryFor(scope: string): ProcessMemory {
	let memory = processMemories.get(scope);
	if (!memory) {
		memory = {
			changes: new Set(),
			customers: new Map(),
			unconfirmedChanges: new Set(),
			unconfirmedCustomers: new Set(),
			firstSeen: new Map(),
			earlierHashes: new Map(),
			late: new Map(),
		};
		processMemories.set(scope, memory);
	}
	return memory;
}

/** Forgets this process's copies (tests model a restarted process with it). */
export function forgetProcessMemory(): void {
	processMemories.clear();
}

/** Drops the oldest entries beyond `limit`. */
function trimOldest<T>(collection: Set<T> | Map<T, unknown>, limit: number): void {
	for (const key of collection.keys()) {
		if (collection.size <= limit) return;
		collection.delete(key);
	}
}

/** Customers are keyed by business number and customer, hashed into 16 characters (96 bits). */
export function customerKey(businessNumber: string, customer: string): string {
	return createHash('sha256').update(`${businessNumber}:${customer}`, 'utf8').digest('base64url').slice(0, 16);
}

/**
 * The trigger's memory for one delivery: this process's copy, brought in step with the
 * static data n8n loaded for the request. Call `save()` once the delivery is handled.
 */
export class DeliveryMemory {
	private readonly local: ProcessMemory;
	/** What this delivery adds; it reaches this process's copy and the static data in `save()`. */
	private readonly stagedChanges = new Set<string>();
	private readonly stagedCustomers = new Map<string, [string, number]>();
	/** First-seen events to keep; `undefined` drops the customer's (an earlier hash is known now). */
	private readonly stagedFirstSeen = new Map<string, IDataObject | undefined>();
	/** The late changes this delivery was given; saving it hands them over for good. */
	private readonly lateGiven = new Map<string, LateIdentityChange>();
	private saved = false;
	private readonly newChanges: string[] = [];
	private readonly newCustomers: string[] = [];
	/** The stored copy lacks entries this process knows: write it whole. */
	private storedIsBehind = false;

	constructor(
		scope: string,
		private readonly stored: StoredMemory,
	) {
		this.local = processMemoryFor(scope);
		if (stored.revision === undefined || stored.revision !== this.local.syncedRevision) this.mergeStored();
	}

	wasDelivered(changeId: string): boolean {
		return this.stagedChanges.has(changeId) || this.local.changes.has(changeId);
	}

	rememberDelivered(changeId: string): void {
		if (!this.wasDelivered(changeId)) this.stagedChanges.add(changeId);
	}

	/**
	 * Records the customer's newest hash and returns the one it replaces, if any. `seenIn`, the
	 * event that carried the hash, is kept when no earlier hash is known (see `LateIdentityChange`).
	 */
	rememberIdentityHash(key: string, hash: string, now: number, seenIn?: IDataObject): string | undefined {
		const staged = this.stagedCustomers.get(key);
		const previous = staged ?? this.local.customers.get(key);
		if (previous === undefined && seenIn && JSON.stringify(seenIn).length <= MAX_FIRST_SEEN_EVENT_LENGTH) {
			this.stagedFirstSeen.set(key, seenIn);
		} else if (previous !== undefined && previous[0] !== hash) {
			this.stagedFirstSeen.set(key, undefined);
		}
		// Deleting first moves the customer to the newest end, so the busiest stay remembered.
		if (previous?.[0] === hash) {
			// The same hash again is not written: a write per message would cost more than it keeps.
			const entries = staged ? this.stagedCustomers : this.local.customers;
			entries.delete(key);
			entries.set(key, previous);
			return hash;
		}
		this.stagedCustomers.delete(key);
		this.stagedCustomers.set(key, [hash, now]);
		return previous?.[0];
	}

	/** Hash changes a merge found complete (see `LateIdentityChange`), for this delivery to report. */
	lateIdentityChanges(): LateIdentityChange[] {
		for (const [key, change] of this.local.late) this.lateGiven.set(key, change);
		return [...this.lateGiven.values()];
	}

	/**
	 * Takes this delivery's entries into this process's copy and writes what changed into the
	 * static data (n8n saves it before it answers, see `receive.ts`): only the new entries when
	 * the stored copy is the one this process last wrote, the whole copy otherwise. Once only.
	 */
	save(): void {
		if (this.saved) return;
		this.saved = true;
		this.commitStaged();
		if (!this.storedIsBehind && !this.newChanges.length && !this.newCustomers.length) return;
		if (this.storedIsBehind || this.stored.revision !== this.local.syncedRevision) {
			this.writeChanges();
			this.writeCustomers();
		} else {
			this.appendNew();
		}
		this.stored.revision = randomUUID();
		this.local.syncedRevision = this.stored.revision;
	}

	private commitStaged(): void {
		for (const changeId of this.stagedChanges) {
			if (this.local.changes.has(changeId)) continue;
			this.local.changes.add(changeId);
			this.local.unconfirmedChanges.add(changeId);
			this.newChanges.push(changeId);
		}
		trimOldest(this.local.changes, DELIVERED_CHANGES_LIMIT);
		trimOldest(this.local.unconfirmedChanges, DELIVERED_CHANGES_LIMIT);
		for (const [key, entry] of this.stagedCustomers) {
			if (this.local.customers.get(key)?.[0] === entry[0]) continue;
			this.local.customers.delete(key);
			this.local.customers.set(key, entry);
			this.local.unconfirmedCustomers.add(key);
			this.local.earlierHashes.delete(key);
			this.newCustomers.push(key);
		}
		for (const [key, event] of this.stagedFirstSeen) {
			this.local.firstSeen.delete(key);
			const hash = this.local.customers.get(key)?.[0];
			if (event && hash) this.local.firstSeen.set(key, { hash, event });
		}
		trimOldest(this.local.firstSeen, FIRST_SEEN_LIMIT);
		for (const [key, change] of this.lateGiven) {
			if (this.local.late.get(key) === change) this.local.late.delete(key);
		}
		this.stagedFirstSeen.clear();
		trimOldest(this.local.customers, IDENTITY_HASHES_LIMIT);
		trimOldest(this.local.unconfirmedCustomers, IDENTITY_HASHES_LIMIT);
		this.stagedChanges.clear();
		this.stagedCustomers.clear();
	}

	private writeChanges(): void {
		this.stored.changes = [...this.local.changes].join('');
	}

	private writeCustomers(): void {
		let text = '';
		for (const [key, entry] of this.local.customers) text += customerLine(key, entry, this.local.earlierHashes.get(key));
		this.stored.customers = text;
		this.stored.customerLines = this.local.customers.size;
	}

	private appendNew(): void {
		if (this.newChanges.length) {
			const changes = (this.stored.changes ?? '') + this.newChanges.join('');
			// Trimmed back to the limit once a quarter over it, so most deliveries only append.
			const limit = DELIVERED_CHANGES_LIMIT * CHANGE_ID_LENGTH;
			this.stored.changes = changes.length > limit * 1.25 ? changes.slice(changes.length - limit) : changes;
		}
		if (!this.newCustomers.length) return;
		const lines = (this.stored.customerLines ?? 0) + this.newCustomers.length;
		// Replaced lines are dropped once they could double the text, or past a quarter over the limit.
		if (lines > COMPACT_CUSTOMER_LINES || lines > 2 * this.local.customers.size + 16) {
			this.writeCustomers();
			return;
		}
		let text = this.stored.customers ?? '';
		for (const key of this.newCustomers) {
			const entry = this.local.customers.get(key);
			if (entry) text += customerLine(key, entry);
		}
		this.stored.customers = text;
		this.stored.customerLines = lines;
	}

	/** Takes in what another process (or this one before a restart) stored. */
	private mergeStored(): void {
		const fromStore = storedChanges(this.stored);
		const inStore = new Set(fromStore);
		// Entries this process knows, confirmed before, that this copy lacks: the copy may be
		// older than one already merged. They are kept as the oldest, so they are the first
		// dropped when the union is over the limit (the other process trimmed them, then).
		const older = [...this.local.changes].filter((id) => !inStore.has(id) && !this.local.unconfirmedChanges.has(id));
		const changes = new Set([...older, ...fromStore]);
		for (const changeId of this.local.unconfirmedChanges) {
			if (inStore.has(changeId)) this.local.unconfirmedChanges.delete(changeId);
			else changes.add(changeId);
		}
		trimOldest(changes, DELIVERED_CHANGES_LIMIT);
		let storedLacksOwn = [...changes].some((id) => !inStore.has(id));
		this.local.changes = changes;

		const stored = storedCustomers(this.stored);
		if (this.findLateChanges(stored)) storedLacksOwn = true;
		const customers = new Map<string, [string, number]>();
		for (const [key, entry] of this.local.customers) {
			if (!stored.has(key) && !this.local.unconfirmedCustomers.has(key)) customers.set(key, entry);
		}
		for (const [key, entry] of stored) customers.set(key, entry);
		for (const key of this.local.unconfirmedCustomers) {
			const own = this.local.customers.get(key);
			const fromCopy = stored.get(key);
			if (!own || (fromCopy && fromCopy[1] >= own[1])) {
				this.local.unconfirmedCustomers.delete(key);
			} else {
				customers.delete(key);
				customers.set(key, own);
			}
		}
		trimOldest(customers, IDENTITY_HASHES_LIMIT);
		for (const key of this.local.earlierHashes.keys()) if (!customers.has(key)) this.local.earlierHashes.delete(key);
		for (const [key, entry] of customers) {
			if (stored.get(key) !== entry) {
				storedLacksOwn = true;
				break;
			}
		}
		this.local.customers = customers;
		this.storedIsBehind = storedLacksOwn;
		this.local.syncedRevision = this.stored.revision;
	}

	/**
	 * Compares this process's customers with the stored copy's before they are merged (see
	 * `LateIdentityChange`): a customer first seen here whose earlier hash the copy shows is a
	 * change to report now; a customer whose hash here is older than the copy's gets that
	 * earlier hash written beside the newer one, for the process that recorded the newer one.
	 * Returns whether the copy lacks an earlier hash this process writes.
	 */
	private findLateChanges(stored: Map<string, [string, number]>): boolean {
		const storedEarlier = storedEarlierHashes(this.stored);
		let copyLacksEarlier = false;
		const report = (key: string, currentHash: string, previousHash: string) => {
			const first = this.local.firstSeen.get(key);
			if (!first || first.hash !== currentHash || previousHash === currentHash) return;
			this.local.late.set(key, { key, previousHash, event: first.event });
			this.local.firstSeen.delete(key);
		};
		for (const [key, own] of this.local.customers) {
			const other = stored.get(key);
			if (!other || other[0] === own[0]) continue;
			if (other[1] < own[1]) {
				report(key, own[0], other[0]);
			} else {
				this.local.earlierHashes.set(key, own[0]);
				if (storedEarlier.get(key) !== own[0]) copyLacksEarlier = true;
			}
		}
		for (const [key, earlier] of storedEarlier) {
			const current = stored.get(key)?.[0];
			if (!current) continue;
			report(key, current, earlier);
			if (!this.local.earlierHashes.has(key)) this.local.earlierHashes.set(key, earlier);
		}
		return copyLacksEarlier;
	}
}
