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
	 * Customers' identity hashes as lines `<key> <hash> <recorded at, ms>`, oldest first; a later
	 * line for a customer replaces an earlier one. Appended to, and rewritten without the
	 * replaced lines when it grows past a quarter over the limit.
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

/** Whether a hash can be stored on one line of `customers`. */
export function isStorableHash(hash: string): boolean {
	return hash.length <= MAX_IDENTITY_HASH_LENGTH && !/\s/.test(hash);
}

// Times in base 36: 8 characters instead of 13.
const customerLine = (key: string, [hash, at]: [string, number]) => `${key} ${hash} ${at.toString(36)}\n`;

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
	/** The stored revision this copy last wrote or merged. */
	syncedRevision?: string;
}

const processMemories = new Map<string, ProcessMemory>();

function processMemoryFor(scope: string): ProcessMemory {
	let memory = processMemories.get(scope);
	if (!memory) {
		memory = { changes: new Set(), customers: new Map(), unconfirmedChanges: new Set(), unconfirmedCustomers: new Set() };
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

	/** Records the customer's newest hash and returns the one it replaces, if any. */
	rememberIdentityHash(key: string, hash: string, now: number): string | undefined {
		const staged = this.stagedCustomers.get(key);
		const previous = staged ?? this.local.customers.get(key);
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
			this.newCustomers.push(key);
		}
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
		for (const [key, entry] of this.local.customers) text += customerLine(key, entry);
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
}
