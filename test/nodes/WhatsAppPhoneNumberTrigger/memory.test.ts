import { createHash } from 'node:crypto';

import { changesOf, type PhoneNumberEvent } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import { CUSTOMERS_PER_DELIVERY_LIMIT } from '../../../nodes/WhatsAppPhoneNumberTrigger/identity';
import {
	customerKey,
	DELIVERED_CHANGES_LIMIT,
	DeliveryMemory,
	forgetProcessMemory,
	IDENTITY_HASHES_LIMIT,
	MAX_IDENTITY_HASH_LENGTH,
	type StoredMemory,
} from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import { eventsToEmit } from '../../../nodes/WhatsAppPhoneNumberTrigger/receive';
import {
	accountVerified,
	BUSINESS_METADATA,
	CUSTOMER_WA_ID,
	deliver,
	emit,
	ENTRY_TIME,
	envelope,
	legacyIdentityChanged,
	messageWithContactHash,
	newMemory,
	newScope,
	PHONE_NUMBER_ID,
	pinChanged,
	qualityFlagged,
	settingsWith,
	snapshot,
	statusWithRecipientHash,
	WABA_ID,
	type MemoryHandle,
	changesIn,
	customersIn,
	storedWith,
} from './fixtures';

const identityOnly = settingsWith({
	groups: new Set(['identity'] as const),
	selectedEvents: new Set(['identity_key_hash_changed']),
});
const identitySeenAndChanged = settingsWith({
	groups: new Set(['identity'] as const),
	selectedEvents: new Set(['identity_key_hash_seen', 'identity_key_hash_changed']),
});
const statusOnly = settingsWith({ groups: new Set(['status'] as const) });
const everything = settingsWith();

/** The customer of the fixtures, as the memory keys it. */
const CUSTOMER = customerKey(PHONE_NUMBER_ID, CUSTOMER_WA_ID);

const idOf = (payload: object) => changesOf(payload as never)[0].changeId;
const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A quality update that happened at `time`: a distinct change per time. */
const qualityAt = (time: number) => envelope('phone_number_quality_update', qualityFlagged, { time });

/** A process memory of its own on the given static data. */
const processOn = (stored: StoredMemory, label: string): MemoryHandle => ({ scope: newScope(label), stored });

/**
 * The static data as n8n keeps it in the database: each request loads its own copy, and the
 * copy a request saves replaces the stored one.
 */
class Database {
	constructor(public stored: StoredMemory = {}) {}

	/** A request handled by `scope` on a fresh copy, saved back. */
	handle(scope: string, payload: object, settings = everything, now = Date.now()) {
		const copy = snapshot(this.stored);
		const selection = deliver(payload, settings, { scope, stored: copy }, now);
		this.stored = copy;
		return selection.events;
	}
}

describe('identity change detection', () => {
	it('reports nothing the first time a hash is seen, and a change when the next delivery carries another', () => {
		const memory = newMemory();
		expect(emit(envelope('messages', messageWithContactHash('hash-A')), identityOnly, memory, 1000)).toEqual([]);
		expect(customersIn(memory.stored)).toEqual({ [CUSTOMER]: ['hash-A', 1000] });

		const status = envelope('messages', statusWithRecipientHash('hash-B'));
		const changed = emit(status, identityOnly, memory, 2000);
		expect(changed).toEqual([
			{
				eventGroup: 'identity',
				field: 'messages',
				event: 'identity_key_hash_changed',
				wabaId: WABA_ID,
				businessPortfolioId: null,
				entryTime: expect.any(String),
				displayPhoneNumber: BUSINESS_METADATA.display_phone_number,
				phoneNumberId: PHONE_NUMBER_ID,
				waId: CUSTOMER_WA_ID,
				userId: null,
				identityKeyHash: 'hash-B',
				previousIdentityKeyHash: 'hash-A',
				changeId: idOf(status),
				value: statusWithRecipientHash('hash-B'),
			},
		]);
		expect(customersIn(memory.stored)).toEqual({ [CUSTOMER]: ['hash-B', 2000] });
	});

	it('stores customers under a 16-character hashed key, never the phone numbers themselves', () => {
		const memory = newMemory();
		emit(envelope('messages', messageWithContactHash('hash-A')), identityOnly, memory);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{16}$/)]);
		expect(JSON.stringify(memory.stored)).not.toContain(CUSTOMER_WA_ID);
		expect(customerKey(PHONE_NUMBER_ID, CUSTOMER_WA_ID)).toBe(
			createHash('sha256').update(`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`).digest('base64url').slice(0, 16),
		);
	});

	it('reports no change while the hash stays the same', () => {
		const memory = newMemory();
		emit(envelope('messages', messageWithContactHash('hash-A'), { time: 1 }), identityOnly, memory);
		expect(emit(envelope('messages', messageWithContactHash('hash-A'), { time: 2 }), identityOnly, memory)).toEqual([]);
		expect(emit(envelope('messages', messageWithContactHash('hash-C'), { time: 3 }), identityOnly, memory)).toHaveLength(1);
	});

	it('keeps customers apart', () => {
		const memory = newMemory();
		emit(envelope('messages', messageWithContactHash('hash-A', '16505550001')), identityOnly, memory);
		expect(emit(envelope('messages', messageWithContactHash('hash-B', '16505550002')), identityOnly, memory)).toEqual([]);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(2);
	});

	it('emits "seen" then "changed" when both are picked, the "changed" item with a value of its own', () => {
		const memory = newMemory(storedWith({ customers: { [CUSTOMER]: ['hash-A', 1] } }));
		const events = emit(envelope('messages', messageWithContactHash('hash-B')), identitySeenAndChanged, memory);
		expect(events.map((event) => event.event)).toEqual(['identity_key_hash_seen', 'identity_key_hash_changed']);
		expect(events[1].value).toEqual(events[0].value);
		expect(events[1].value).not.toBe(events[0].value);
	});

	it('a legacy identity-changed message updates the memory, so its hash is not reported again', () => {
		const memory = newMemory(storedWith({ customers: { [CUSTOMER]: ['hash-A', 1] } }));
		expect(emit(envelope('messages', legacyIdentityChanged), identityOnly, memory, 1000)).toEqual([]);
		expect(customersIn(memory.stored)?.[CUSTOMER]).toEqual(['Sjvjlx8G6Z0=', 1000]);
		expect(emit(envelope('messages', messageWithContactHash('Sjvjlx8G6Z0=')), identityOnly, memory)).toEqual([]);
	});

	it('keeps at most the newest customers, dropping the least recently recorded first', () => {
		const { scope, stored } = newMemory();
		const memory = new DeliveryMemory(scope, stored);
		for (let index = 0; index < IDENTITY_HASHES_LIMIT; index++) memory.rememberIdentityHash(`customer-${index}`, 'a', index);
		expect(memory.rememberIdentityHash('customer-0', 'b', IDENTITY_HASHES_LIMIT)).toBe('a'); // a new hash: now the newest
		memory.rememberIdentityHash('customer-new', 'a', IDENTITY_HASHES_LIMIT + 1); // drops customer-1
		memory.save();
		const keys = Object.keys(customersIn(stored) ?? {});
		expect(keys).toHaveLength(IDENTITY_HASHES_LIMIT);
		expect(keys.slice(0, 2)).toEqual(['customer-2', 'customer-3']);
		expect(keys.slice(-2)).toEqual(['customer-0', 'customer-new']);

		const next = new DeliveryMemory(scope, stored);
		expect(next.rememberIdentityHash('customer-1', 'b', IDENTITY_HASHES_LIMIT + 2)).toBeUndefined();
		expect(next.rememberIdentityHash('customer-0', 'c', IDENTITY_HASHES_LIMIT + 3)).toBe('b');
	});

	it('a customer seen again with the same hash counts as recently seen and is not the first dropped', () => {
		const { scope, stored } = newMemory();
		const memory = new DeliveryMemory(scope, stored);
		for (let index = 0; index < IDENTITY_HASHES_LIMIT; index++) memory.rememberIdentityHash(`customer-${index}`, 'a', index);
		memory.rememberIdentityHash('customer-0', 'a', IDENTITY_HASHES_LIMIT); // seen again: now the newest
		memory.rememberIdentityHash('customer-new', 'a', IDENTITY_HASHES_LIMIT + 1); // drops customer-1, not customer-0
		memory.save();
		const keys = Object.keys(customersIn(stored) ?? {});
		expect({ keepsCustomer0: keys.includes('customer-0'), keepsCustomer1: keys.includes('customer-1') }).toEqual({
			keepsCustomer0: true,
			keepsCustomer1: false,
		});
		expect(new DeliveryMemory(scope, stored).rememberIdentityHash('customer-0', 'b', IDENTITY_HASHES_LIMIT + 2)).toBe('a');
	});

	it('has a default bound', () => {
		expect(IDENTITY_HASHES_LIMIT).toBe(2000);
	});
});

describe('redelivery', () => {
	it('the same change delivered twice produces its items once', () => {
		const memory = newMemory();
		const payload = envelope('phone_number_quality_update', qualityFlagged);
		expect(emit(payload, statusOnly, memory)).toHaveLength(1);
		expect(emit(JSON.parse(JSON.stringify(payload)), statusOnly, memory)).toEqual([]);
		expect(changesIn(memory.stored)).toEqual([idOf(payload)]);
	});

	it('a redelivery of the same bytes is a duplicate; the same change with its keys reordered is not', () => {
		const memory = newMemory();
		const bytes = JSON.stringify(envelope('phone_number_quality_update', qualityFlagged));
		expect(emit(JSON.parse(bytes), statusOnly, memory)).toHaveLength(1);
		expect(emit(JSON.parse(bytes), statusOnly, memory)).toEqual([]);
		const reordered = Object.fromEntries(Object.entries(qualityFlagged).reverse());
		expect(emit(envelope('phone_number_quality_update', reordered), statusOnly, memory)).toHaveLength(1);
	});

	it('the same change twice in one delivery produces its items once', () => {
		const twice = envelope('phone_number_quality_update', qualityFlagged);
		twice.entry[0].changes.push({ field: 'phone_number_quality_update', value: qualityFlagged });
		const memory = newMemory();
		expect(emit(twice, statusOnly, memory)).toHaveLength(1);
		expect(changesIn(memory.stored)).toHaveLength(1);
	});

	it('the same event happening again later (another entry time) is not a redelivery', () => {
		const memory = newMemory();
		emit(qualityAt(1739321024), statusOnly, memory);
		expect(emit(qualityAt(1739400000), statusOnly, memory)).toHaveLength(1);
	});

	it('only the new change of a partly redelivered delivery produces items', () => {
		const memory = newMemory();
		emit(envelope('phone_number_quality_update', qualityFlagged), statusOnly, memory);
		const both = envelope('phone_number_quality_update', qualityFlagged);
		both.entry[0].changes.push({ field: 'security', value: { event: 'PIN_CHANGED' } as never });
		expect(emit(both, statusOnly, memory).map((event) => event.event)).toEqual(['PIN_CHANGED']);
	});

	it('a change that produced no item is not remembered, and the static data is left untouched', () => {
		const memory = newMemory();
		emit(envelope('messages', { metadata: {}, messages: [] }), identityOnly, memory);
		expect(memory.stored).toEqual({});

		emit(envelope('security', pinChanged), statusOnly, memory);
		const written = snapshot(memory.stored);
		emit(envelope('security', pinChanged), statusOnly, memory); // a duplicate: nothing new
		expect(memory.stored).toEqual(written);
	});

	it('every save that writes something writes a new revision', () => {
		const memory = newMemory();
		emit(qualityAt(1), statusOnly, memory);
		const first = memory.stored.revision;
		emit(qualityAt(2), statusOnly, memory);
		expect(first).toEqual(expect.any(String));
		expect(memory.stored.revision).toEqual(expect.any(String));
		expect(memory.stored.revision).not.toBe(first);
	});

	it('keeps at most the newest change IDs, dropping the oldest first', () => {
		const { scope, stored } = newMemory();
		const memory = new DeliveryMemory(scope, stored);
		const changeId = (index: number) => String(index).padStart(16, 'f');
		for (let index = 0; index <= DELIVERED_CHANGES_LIMIT; index++) memory.rememberDelivered(changeId(index));
		memory.save();
		expect(changesIn(stored)).toHaveLength(DELIVERED_CHANGES_LIMIT);
		expect(changesIn(stored)?.[0]).toBe(changeId(1));
		expect(changesIn(stored)?.at(-1)).toBe(changeId(DELIVERED_CHANGES_LIMIT));
		expect(memory.wasDelivered(changeId(0))).toBe(false);
		expect(memory.wasDelivered(changeId(1))).toBe(true);
		expect(DELIVERED_CHANGES_LIMIT).toBe(1000);
	});

	it('after more changes than the bound, the oldest one is forgotten and the newest still deduplicated', () => {
		const memory = newMemory();
		for (let time = 1; time <= DELIVERED_CHANGES_LIMIT + 1; time++) emit(qualityAt(time), statusOnly, memory);
		expect(changesIn(memory.stored)).toHaveLength(DELIVERED_CHANGES_LIMIT);
		expect(emit(qualityAt(DELIVERED_CHANGES_LIMIT + 1), statusOnly, memory)).toEqual([]);
		expect(emit(qualityAt(2), statusOnly, memory)).toEqual([]);
		expect(emit(qualityAt(1), statusOnly, memory)).toHaveLength(1);
	});

	it('change IDs are short hex digests that do not contain the payload', () => {
		const memory = newMemory();
		emit(envelope('phone_number_quality_update', qualityFlagged), statusOnly, memory);
		expect(changesIn(memory.stored)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{16}$/)]);
		expect(JSON.stringify(memory.stored)).not.toContain('FLAGGED');
	});
});

describe('memory shared between processes through the static data', () => {
	it('a copy older than one already merged (loaded by a slow request) takes nothing away', () => {
		const changeId = (name: string) => name.padEnd(16, '0');
		const p = newScope('p');
		const q = newScope('q');
		const empty: StoredMemory = {};
		// P records X; Q loads P's copy and records Z; P then loads Q's copy (X is confirmed).
		const byP = snapshot(empty);
		const pFirst = new DeliveryMemory(p, byP);
		pFirst.rememberDelivered(changeId('x'));
		pFirst.save();
		const byQ = snapshot(byP);
		const qMemory = new DeliveryMemory(q, byQ);
		qMemory.rememberDelivered(changeId('z'));
		qMemory.save();
		const pAgain = new DeliveryMemory(p, snapshot(byQ));
		expect(pAgain.wasDelivered(changeId('x'))).toBe(true);
		// A request of P that loaded the empty copy before any of this ends last.
		const stale = snapshot(empty);
		const late = new DeliveryMemory(p, stale);
		expect(late.wasDelivered(changeId('x'))).toBe(true);
		expect(late.wasDelivered(changeId('z'))).toBe(true);
		late.save();
		expect(changesIn(stale)).toEqual([changeId('x'), changeId('z')]);
	});

	it('a change remembered by one process is a duplicate for another once it saved', () => {
		const stored: StoredMemory = {};
		const a = processOn(stored, 'A');
		const b = processOn(stored, 'B');
		expect(emit(qualityAt(1), statusOnly, a)).toHaveLength(1);
		expect(emit(qualityAt(1), statusOnly, b)).toEqual([]);
		expect(emit(qualityAt(2), statusOnly, b)).toHaveLength(1);
		expect(emit(qualityAt(2), statusOnly, a)).toEqual([]);
		expect(emit(qualityAt(3), statusOnly, a)).toHaveLength(1);
		expect(emit(qualityAt(3), statusOnly, b)).toEqual([]);
		expect(changesIn(stored)).toEqual([1, 2, 3].map((time) => idOf(qualityAt(time))));
	});

	it('the same, with each request on its own copy of the stored data', () => {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		expect(database.handle(a, qualityAt(1))).toHaveLength(1);
		expect(database.handle(b, qualityAt(1))).toEqual([]);
		expect(database.handle(b, qualityAt(2))).toHaveLength(1);
		expect(database.handle(a, qualityAt(2))).toEqual([]);
	});

	it('a change lost to another process overwriting the stored copy is written back by the next delivery of the process that saw it', () => {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		database.handle(a, envelope('security', pinChanged)); // both processes have seen a stored revision
		database.handle(b, envelope('security', pinChanged));

		const base = database.stored;
		const copyForA = snapshot(base);
		const copyForB = snapshot(base);
		expect(emit(qualityAt(1), everything, { scope: a, stored: copyForA })).toHaveLength(1);
		expect(emit(qualityAt(2), everything, { scope: b, stored: copyForB })).toHaveLength(1);
		database.stored = copyForB; // B saved last: A's entry is lost
		expect(changesIn(database.stored)).not.toContain(idOf(qualityAt(1)));

		expect(database.handle(a, envelope('account_update', accountVerified))).toHaveLength(1);
		expect(changesIn(database.stored)).toEqual(
			expect.arrayContaining([idOf(qualityAt(1)), idOf(qualityAt(2)), idOf(envelope('account_update', accountVerified))]),
		);
		expect(database.handle(b, qualityAt(1))).toEqual([]);
	});

	it('even a delivery that starts nothing writes a lost entry back', () => {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		const copyForA = snapshot(database.stored);
		const copyForB = snapshot(database.stored);
		emit(qualityAt(1), everything, { scope: a, stored: copyForA });
		emit(qualityAt(2), everything, { scope: b, stored: copyForB });
		database.stored = copyForB;

		expect(database.handle(a, qualityAt(2))).toEqual([]); // a duplicate for A too, once merged
		expect(changesIn(database.stored)).toEqual(expect.arrayContaining([idOf(qualityAt(1)), idOf(qualityAt(2))]));
		expect(database.handle(b, qualityAt(1))).toEqual([]);
	});

	it('an identity hash lost to an overwrite is written back, and a later hash is reported as a change from it', () => {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		const copyForA = snapshot(database.stored);
		const copyForB = snapshot(database.stored);
		emit(envelope('messages', messageWithContactHash('H1')), everything, { scope: a, stored: copyForA }, 1000);
		emit(envelope('messages', messageWithContactHash('D1', '16505550002')), everything, { scope: b, stored: copyForB }, 1001);
		database.stored = copyForB; // H1 lost
		expect(customersIn(database.stored)).not.toHaveProperty(CUSTOMER);

		database.handle(a, qualityAt(5), everything, 1002); // healed
		expect(customersIn(database.stored)?.[CUSTOMER]).toEqual(['H1', 1000]);
		expect(customersIn(database.stored)?.[customerKey(PHONE_NUMBER_ID, '16505550002')]).toEqual(['D1', 1001]);

		const changed = database.handle(b, envelope('messages', statusWithRecipientHash('H2')), identityOnly, 1003);
		expect(changed).toEqual([
			expect.objectContaining({ event: 'identity_key_hash_changed', identityKeyHash: 'H2', previousIdentityKeyHash: 'H1' }),
		]);
	});

	it("for a customer, the more recently recorded hash wins the merge", () => {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		const copyForA = snapshot(database.stored);
		const copyForB = snapshot(database.stored);
		emit(envelope('messages', messageWithContactHash('H1'), { time: 1 }), everything, { scope: a, stored: copyForA }, 1000);
		emit(envelope('messages', messageWithContactHash('H2'), { time: 2 }), everything, { scope: b, stored: copyForB }, 2000);
		database.stored = copyForA; // the older hash was saved last

		database.handle(b, qualityAt(5), everything, 3000);
		expect(customersIn(database.stored)?.[CUSTOMER]).toEqual(['H2', 2000]);
		// A takes the newer hash over its own older one.
		expect(database.handle(a, envelope('messages', messageWithContactHash('H2'), { time: 3 }), identityOnly, 4000)).toEqual([]);
		expect(database.handle(a, envelope('messages', messageWithContactHash('H3'), { time: 4 }), identityOnly, 5000)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'H2', identityKeyHash: 'H3' }),
		]);
	});

	it('two processes taking turns past the bound keep the newest changes and stay within it', () => {
		const database = new Database();
		const scopes = [newScope('A'), newScope('B')];
		const total = DELIVERED_CHANGES_LIMIT + 300;
		const timeOf = new Map<string, number>();
		for (let time = 1; time <= total; time++) {
			timeOf.set(idOf(qualityAt(time)), time);
			expect(database.handle(scopes[time % 2], qualityAt(time), statusOnly)).toHaveLength(1);
		}
		expect(changesIn(database.stored)?.length).toBeLessThanOrEqual(DELIVERED_CHANGES_LIMIT);
		const kept = new Set((changesIn(database.stored) ?? []).map((id) => timeOf.get(id)));
		const newestMissing: number[] = [];
		for (let time = total; time > total - DELIVERED_CHANGES_LIMIT; time--) if (!kept.has(time)) newestMissing.push(time);
		const olderKept = [...kept].filter((time) => time === undefined || time <= total - DELIVERED_CHANGES_LIMIT);
		expect({ newestMissing: newestMissing.length, olderKept: olderKept.length }).toEqual({ newestMissing: 0, olderKept: 0 });
		// And every one of the newest is still a duplicate for both processes.
		expect(database.handle(scopes[0], qualityAt(total - DELIVERED_CHANGES_LIMIT + 1), statusOnly)).toEqual([]);
		expect(database.handle(scopes[1], qualityAt(total - DELIVERED_CHANGES_LIMIT + 1), statusOnly)).toEqual([]);
	});

	it('two processes taking turns long past the bound still treat a redelivery of the latest changes as a duplicate', () => {
		const database = new Database();
		const scopes = [newScope('A'), newScope('B')];
		const total = 2 * DELIVERED_CHANGES_LIMIT;
		for (let time = 1; time <= total; time++) database.handle(scopes[time % 2], qualityAt(time), statusOnly);
		// Meta redelivers the last two changes, each to either process.
		const redelivered: Record<string, number> = {};
		for (const time of [total - 1, total]) {
			for (const [index, scope] of scopes.entries()) {
				redelivered[`change ${time} to process ${index}`] = deliver(qualityAt(time), statusOnly, { scope, stored: snapshot(database.stored) }).events.length;
			}
		}
		expect(redelivered).toEqual({
			[`change ${total - 1} to process 0`]: 0,
			[`change ${total - 1} to process 1`]: 0,
			[`change ${total} to process 0`]: 0,
			[`change ${total} to process 1`]: 0,
		});
	});

	it('two processes taking turns past the bound keep the newest customers and stay within it', () => {
		const database = new Database();
		const scopes = [newScope('A'), newScope('B')];
		const total = IDENTITY_HASHES_LIMIT + 100;
		for (let index = 1; index <= total; index++) {
			const stored = snapshot(database.stored);
			const memory = new DeliveryMemory(scopes[index % 2], stored);
			memory.rememberIdentityHash(`customer-${index}`, 'hash', index);
			memory.save();
			database.stored = stored;
		}
		const keys = new Set(Object.keys(customersIn(database.stored) ?? {}));
		expect(keys.size).toBeLessThanOrEqual(IDENTITY_HASHES_LIMIT);
		let newestMissing = 0;
		for (let index = total; index > total - IDENTITY_HASHES_LIMIT; index--) if (!keys.has(`customer-${index}`)) newestMissing += 1;
		let olderKept = 0;
		for (let index = 1; index <= total - IDENTITY_HASHES_LIMIT; index++) if (keys.has(`customer-${index}`)) olderKept += 1;
		expect({ newestMissing, olderKept }).toEqual({ newestMissing: 0, olderKept: 0 });
	});

	it('a restarted process takes its memory back from the static data', () => {
		const memory = newMemory();
		emit(qualityAt(1), everything, memory);
		emit(envelope('messages', messageWithContactHash('H1')), everything, memory, 1000);
		const stored = snapshot(memory.stored);

		forgetProcessMemory();
		const restarted = { scope: memory.scope, stored };
		expect(emit(qualityAt(1), everything, restarted)).toEqual([]);
		expect(emit(envelope('messages', statusWithRecipientHash('H2')), identityOnly, restarted, 2000)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'H1', identityKeyHash: 'H2' }),
		]);
	});
});

describe('a customer whose two hashes reached different processes while their saves overwrote each other', () => {
	const firstHash = () => envelope('messages', messageWithContactHash('H1'), { time: 11 });
	const newHash = () => envelope('messages', messageWithContactHash('H2'), { time: 12 });
	const changedTo = (events: PhoneNumberEvent[]) => events.filter((event) => event.event === 'identity_key_hash_changed');

	/**
	 * A saw H1, B saw H2 on a copy without it (B reports nothing: a first hash for B). Which of
	 * the two saves the database kept decides who learns the other half first; either way the
	 * change is reported once, by B (which holds the event), with H1 as the previous hash.
	 */
	function split() {
		const database = new Database();
		const [a, b] = [newScope('A'), newScope('B')];
		database.handle(a, qualityAt(1), identityOnly, 500); // both processes have seen a stored revision
		database.handle(b, qualityAt(2), identityOnly, 600);
		const base = database.stored;
		const copyOfA = snapshot(base);
		const copyOfB = snapshot(base);
		expect(deliver(firstHash(), identityOnly, { scope: a, stored: copyOfA }, 1000).events).toEqual([]);
		expect(deliver(newHash(), identityOnly, { scope: b, stored: copyOfB }, 2000).events).toEqual([]);
		return { database, a, b, copyOfA, copyOfB };
	}

	it("A's save kept: B's next delivery finds H1 in A's copy and reports H1 → H2", () => {
		const { database, a, b, copyOfA } = split();
		database.stored = copyOfA;
		const late = changedTo(database.handle(b, qualityAt(3), identityOnly, 3000));
		expect(late).toEqual([
			expect.objectContaining({ waId: CUSTOMER_WA_ID, identityKeyHash: 'H2', previousIdentityKeyHash: 'H1', field: 'messages' }),
		]);
		expect(late[0].changeId).not.toBe(idOf(newHash()));
		expect(changedTo(database.handle(a, qualityAt(4), identityOnly, 4000))).toEqual([]);
		expect(changedTo(database.handle(b, qualityAt(5), identityOnly, 5000))).toEqual([]);
	});

	it("B's save kept: A's next delivery writes H1 beside H2, and B's next one reports H1 → H2", () => {
		const { database, a, b, copyOfB } = split();
		database.stored = copyOfB;
		expect(changedTo(database.handle(a, qualityAt(3), identityOnly, 3000))).toEqual([]);
		expect(database.stored.customers).toContain(' ^H1\n');
		const late = changedTo(database.handle(b, qualityAt(4), identityOnly, 4000));
		expect(late).toEqual([expect.objectContaining({ waId: CUSTOMER_WA_ID, identityKeyHash: 'H2', previousIdentityKeyHash: 'H1' })]);
		expect(changedTo(database.handle(a, qualityAt(5), identityOnly, 5000))).toEqual([]);
		expect(changedTo(database.handle(b, qualityAt(6), identityOnly, 6000))).toEqual([]);
		// The static data holds hashes and keys only, never the customer's number.
		expect(JSON.stringify(database.stored)).not.toContain(CUSTOMER_WA_ID);
	});

	it('a delivery that was not saved (no 200) leaves the change to the next one', () => {
		const { database, b, copyOfA } = split();
		database.stored = copyOfA;
		const unsaved = new DeliveryMemory(b, snapshot(database.stored));
		expect(changedTo(eventsToEmit(qualityAt(3) as never, identityOnly, unsaved, 3000).events)).toHaveLength(1);
		expect(changedTo(database.handle(b, qualityAt(4), identityOnly, 4000))).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'H1' }),
		]);
	});

	it('without "hash changed" selected, no event is kept', () => {
		const database = new Database();
		const b = newScope('B');
		database.handle(b, newHash(), settingsWith({ groups: new Set(['identity'] as const), selectedEvents: new Set(['identity_key_hash_seen']) }), 2000);
		database.stored.customers = `${CUSTOMER} H2 ${(2000).toString(36)} ^H1\n`;
		database.stored.revision = 'another process';
		expect(changedTo(database.handle(b, qualityAt(3), identityOnly, 3000))).toEqual([]);
	});
});

describe('bounds on the static data', () => {
	/** Hashes of the longest length the memory keeps: the worst case for its size. */
	const longestHash = (index: number) => String(index).padStart(MAX_IDENTITY_HASH_LENGTH, 'h');
	const identitySeen = settingsWith({ groups: new Set(['identity'] as const), selectedEvents: new Set(['identity_key_hash_seen']) });

	it('after 10,000 deliveries and 10,000 customers the static data stays under 512 KiB', () => {
		const memory = newMemory();
		for (let index = 0; index < 10_000; index++) {
			expect(emit(qualityAt(ENTRY_TIME + index), statusOnly, memory, index)).toHaveLength(1);
		}
		for (let index = 0; index < 10_000; index++) {
			const waId = String(16_500_000_000 + index);
			const payload = envelope('messages', messageWithContactHash(longestHash(index), waId), { time: ENTRY_TIME + index });
			emit(payload, identitySeen, memory, 10_000 + index);
		}
		expect(changesIn(memory.stored)).toHaveLength(DELIVERED_CHANGES_LIMIT);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(IDENTITY_HASHES_LIMIT);
		expect(sizeOf(memory.stored)).toBeLessThanOrEqual(512 * 1024);
		// The newest are still remembered.
		expect(emit(envelope('messages', messageWithContactHash('new', String(16_500_000_000 + 9_999))), identityOnly, memory)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: longestHash(9_999) }),
		]);
	});

	it('one delivery with 1,000 customers of 1 KiB IDs adds a few KiB at most and reports the customers it skipped', () => {
		const memory = newMemory();
		emit(envelope('messages', messageWithContactHash('hash-A')), identitySeen, memory);
		const before = sizeOf(memory.stored);
		const longId = (index: number) => `${index}-`.padEnd(1024, '7');
		const value = {
			messaging_product: 'whatsapp',
			metadata: BUSINESS_METADATA,
			contacts: Array.from({ length: 1000 }, (_, index) => ({ wa_id: longId(index), identity_key_hash: `hash-${index}` })),
		};
		const { events, customersSkipped } = deliver(envelope('messages', value), identitySeen, memory);
		expect(events).toHaveLength(1000);
		expect(customersSkipped).toBe(1000 - CUSTOMERS_PER_DELIVERY_LIMIT);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(1 + CUSTOMERS_PER_DELIVERY_LIMIT);
		expect(sizeOf(memory.stored) - before).toBeLessThanOrEqual(8 * 1024);
		expect(JSON.stringify(memory.stored)).not.toContain('7'.repeat(100));
	});

	it('a 1 MiB identity hash is not stored', () => {
		const memory = newMemory();
		const huge = 'A'.repeat(1024 * 1024);
		const events = emit(envelope('messages', messageWithContactHash(huge)), identitySeen, memory);
		expect(events).toHaveLength(1); // still reported as seen
		expect(customersIn(memory.stored) ?? {}).toEqual({});
		expect(sizeOf(memory.stored)).toBeLessThan(1024);
	});
});

describe('work per event', () => {
	const identitySeen = settingsWith({ groups: new Set(['identity'] as const), selectedEvents: new Set(['identity_key_hash_seen']) });
	const deliveryOf = (count: number) => ({
		messaging_product: 'whatsapp',
		metadata: BUSINESS_METADATA,
		contacts: Array.from({ length: count }, (_, index) => ({
			profile: { name: 'Customer' },
			wa_id: String(16_500_000_000 + index),
			identity_key_hash: `hash-${String(index).padStart(6, '0')}`,
		})),
	});

	it('one item per contact, each carrying only its contact, and output growing linearly with the delivery', () => {
		const sizes: number[] = [];
		for (const count of [200, 2000]) {
			const value = deliveryOf(count);
			const { events, customersSkipped } = deliver(envelope('messages', value), identitySeen, newMemory());
			expect(events).toHaveLength(count);
			expect(customersSkipped).toBe(count - CUSTOMERS_PER_DELIVERY_LIMIT);
			events.forEach((event, index) => {
				expect(event.value.contacts).toHaveLength(1);
				expect((event.value.contacts as unknown[])[0]).toBe(value.contacts[index]);
			});
			sizes.push(sizeOf(events));
		}
		const ratio = sizes[1] / sizes[0];
		expect(ratio).toBeGreaterThanOrEqual(10 * 0.8);
		expect(ratio).toBeLessThanOrEqual(10 * 1.2);
	});

	it('"changed" items of a large delivery each copy only their own contact', () => {
		const count = CUSTOMERS_PER_DELIVERY_LIMIT;
		const memory = newMemory();
		emit(envelope('messages', deliveryOf(count), { time: 1 }), identitySeen, memory);
		const renewed = deliveryOf(count);
		renewed.contacts.forEach((contact, index) => (contact.identity_key_hash = `new-${index}`));
		const changed = emit(envelope('messages', renewed, { time: 2 }), identityOnly, memory);
		expect(changed).toHaveLength(count);
		changed.forEach((event, index) => {
			expect(event.value).toEqual({ messaging_product: 'whatsapp', metadata: BUSINESS_METADATA, contacts: [renewed.contacts[index]] });
			expect(event.previousIdentityKeyHash).toBe(`hash-${String(index).padStart(6, '0')}`);
		});
	});
});
