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
 *   processes and restarts. Only `webhook()` writes it (see `receive.ts` for why n8n
 *   then saves it); an execution never does, because a queue-mode worker runs on an
 *   empty static-data object and would save that over the stored one.
 *
 * Two processes that save at the same moment can each overwrite the other's newest
 * entries. Every save carries a new revision; a process that loads a revision it did
 * not write merges the stored copy into its own and writes the union back, so an entry
 * lost that way is written again by the next delivery that process handles.
 */
export interface StoredMemory extends IDataObject {
	/** Revision of the last write; a process that did not write it merges. */
	revision?: string;
	/** Fingerprints of changes that started the workflow, oldest first. */
	changes?: string[];
	/** Customer key → [last identity key hash, when it was recorded (ms)], oldest first. */
	customers?: Record<string, [string, number]>;
	/** Before 0.2: plain lists; read once and replaced. */
	deliveredChanges?: string[];
	identityKeyHashes?: Array<[string, string]>;
}

/** Meta retries for hours; a thousand changes covers many retries of every recent one. */
export const DELIVERED_CHANGES_LIMIT = 1000;
/** Customers whose last identity hash is kept (at most about 200 bytes each). */
export const IDENTITY_HASHES_LIMIT = 2000;
/** Identity key hashes are short base64 strings; anything longer is not remembered. */
export const MAX_IDENTITY_HASH_LENGTH = 128;

interface ProcessMemory {
	changes: Set<string>;
	customers: Map<string, [string, number]>;
	/** The stored revision this copy last wrote or merged. */
	syncedRevision?: string;
}

const processMemories = new Map<string, ProcessMemory>();

function processMemoryFor(scope: string): ProcessMemory {
	let memory = processMemories.get(scope);
	if (!memory) {
		memory = { changes: new Set(), customers: new Map() };
		processMemories.set(scope, memory);
	}
	return memory;
}

/** Forgets this process's copies (tests model a restarted process with it). */
export function forgetProcessMemory(): void {
	processMemories.clear();
}

/** Drops the oldest entries beyond `limit` and returns their keys. */
function trimOldest<T>(collection: Set<T> | Map<T, unknown>, limit: number): T[] {
	const dropped: T[] = [];
	for (const key of collection.keys()) {
		if (collection.size <= limit) break;
		collection.delete(key);
		dropped.push(key);
	}
	return dropped;
}

/** Customers are keyed by business number and customer, hashed so every key is 22 characters. */
export function customerKey(businessNumber: string, customer: string): string {
	return createHash('sha256').update(`${businessNumber}:${customer}`, 'utf8').digest('base64url').slice(0, 22);
}

/**
 * The trigger's memory for one delivery: this process's copy, brought in step with the
 * static data n8n loaded for the request. Call `save()` once the delivery is handled.
 */
export class DeliveryMemory {
	private readonly local: ProcessMemory;
	private readonly newChanges: string[] = [];
	private readonly newCustomers: string[] = [];
	private readonly droppedCustomers: string[] = [];
	/** The stored copy lacks entries this process knows: write it whole. */
	private storedIsBehind = false;

	constructor(
		scope: string,
		private readonly stored: StoredMemory,
	) {
		this.local = processMemoryFor(scope);
		if (stored.revision === undefined || stored.revision !== this.local.syncedRevision) this.mergeStored();
	}

	wasDelivered(fingerprint: string): boolean {
		return this.local.changes.has(fingerprint);
	}

	rememberDelivered(fingerprint: string): void {
		if (this.local.changes.has(fingerprint)) return;
		this.local.changes.add(fingerprint);
		this.newChanges.push(fingerprint);
		trimOldest(this.local.changes, DELIVERED_CHANGES_LIMIT);
	}

	/** Records the customer's newest hash and returns the one it replaces, if any. */
	rememberIdentityHash(key: string, hash: string, now: number): string | undefined {
		const previous = this.local.customers.get(key);
		if (previous?.[0] === hash) return previous[0];
		// Deleting first moves the customer to the newest end.
		this.local.customers.delete(key);
		this.local.customers.set(key, [hash, now]);
		this.newCustomers.push(key);
		this.droppedCustomers.push(...trimOldest(this.local.customers, IDENTITY_HASHES_LIMIT));
		return previous?.[0];
	}

	/**
	 * Writes what changed into the static data (n8n saves it after `webhook()`): only the new
	 * entries when the stored copy is the one this process last wrote, the whole copy otherwise.
	 */
	save(): void {
		if (!this.storedIsBehind && !this.newChanges.length && !this.newCustomers.length) return;
		if (this.storedIsBehind || this.stored.revision !== this.local.syncedRevision) {
			this.writeWhole();
		} else {
			this.writeNew();
		}
		this.stored.revision = randomUUID();
		this.local.syncedRevision = this.stored.revision;
	}

	private writeWhole(): void {
		this.stored.changes = [...this.local.changes];
		this.stored.customers = Object.fromEntries(this.local.customers);
		delete this.stored.deliveredChanges;
		delete this.stored.identityKeyHashes;
	}

	private writeNew(): void {
		const changes = this.stored.changes ?? [];
		changes.push(...this.newChanges.filter((fingerprint) => this.local.changes.has(fingerprint)));
		if (changes.length > DELIVERED_CHANGES_LIMIT) changes.splice(0, changes.length - DELIVERED_CHANGES_LIMIT);
		this.stored.changes = changes;

		const customers = this.stored.customers ?? {};
		for (const key of this.newCustomers) {
			const entry = this.local.customers.get(key);
			delete customers[key];
			if (entry) customers[key] = entry;
		}
		for (const key of this.droppedCustomers) delete customers[key];
		this.stored.customers = customers;
	}

	/** Takes in what another process (or this one before a restart) stored. */
	private mergeStored(): void {
		const storedChanges = [...(this.stored.deliveredChanges ?? []), ...(this.stored.changes ?? [])].filter(
			(fingerprint) => typeof fingerprint === 'string',
		);
		const known = new Set(storedChanges);
		// Stored entries are older than anything this process added since it last synced.
		const ownChanges = [...this.local.changes].filter((fingerprint) => !known.has(fingerprint));
		this.local.changes = new Set([...storedChanges, ...ownChanges]);
		trimOldest(this.local.changes, DELIVERED_CHANGES_LIMIT);

		const storedCustomers = new Map<string, [string, number]>();
		for (const [plainKey, hash] of this.stored.identityKeyHashes ?? []) {
			const [businessNumber, customer] = String(plainKey).split(':');
			if (businessNumber && customer && typeof hash === 'string') {
				storedCustomers.set(customerKey(businessNumber, customer), [hash, 0]);
			}
		}
		for (const [key, entry] of Object.entries(this.stored.customers ?? {})) {
			if (Array.isArray(entry) && typeof entry[0] === 'string') storedCustomers.set(key, [entry[0], Number(entry[1]) || 0]);
		}
		let ownNewer = ownChanges.length > 0;
		for (const [key, entry] of this.local.customers) {
			const storedEntry = storedCustomers.get(key);
			if (!storedEntry || storedEntry[1] < entry[1]) {
				storedCustomers.delete(key);
				storedCustomers.set(key, entry);
				ownNewer = true;
			}
		}
		this.local.customers = storedCustomers;
		trimOldest(this.local.customers, IDENTITY_HASHES_LIMIT);
		this.storedIsBehind = ownNewer || this.stored.deliveredChanges !== undefined || this.stored.identityKeyHashes !== undefined;
		this.local.syncedRevision = this.stored.revision;
	}
}
