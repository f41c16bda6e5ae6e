import {
	changeFingerprint,
	DELIVERED_CHANGES_LIMIT,
	detectIdentityChanges,
	IDENTITY_HASHES_LIMIT,
	rememberDelivered,
	replayMemoryUpdates,
	type TriggerMemory,
} from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import { changesOf } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import { eventsToEmit } from '../../../nodes/WhatsAppPhoneNumberTrigger/receive';
import {
	CUSTOMER_WA_ID,
	envelope,
	legacyIdentityChanged,
	messageWithContactHash,
	PHONE_NUMBER_ID,
	qualityFlagged,
	settingsWith,
	statusWithRecipientHash,
} from './fixtures';

const identityOnly = settingsWith({
	groups: new Set(['identity'] as const),
	selectedEvents: new Set(['identity_key_hash_changed']),
});

describe('identity change detection', () => {
	it('reports nothing the first time a hash is seen, and a change when the next delivery carries another', () => {
		const memory: TriggerMemory = {};
		expect(eventsToEmit(envelope('messages', messageWithContactHash('hash-A')), identityOnly, memory)).toEqual([]);
		expect(memory.identityKeyHashes).toEqual([[`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`, 'hash-A']]);

		const changed = eventsToEmit(envelope('messages', statusWithRecipientHash('hash-B')), identityOnly, memory);
		expect(changed).toEqual([
			expect.objectContaining({
				eventGroup: 'identity',
				field: 'messages',
				event: 'identity_key_hash_changed',
				waId: CUSTOMER_WA_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				identityKeyHash: 'hash-B',
				previousIdentityKeyHash: 'hash-A',
				value: statusWithRecipientHash('hash-B'),
			}),
		]);
		expect(memory.identityKeyHashes).toEqual([[`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`, 'hash-B']]);
	});

	it('reports no change while the hash stays the same', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('messages', messageWithContactHash('hash-A'), { time: 1 }), identityOnly, memory);
		expect(eventsToEmit(envelope('messages', messageWithContactHash('hash-A'), { time: 2 }), identityOnly, memory)).toEqual([]);
	});

	it('keeps customers apart', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('messages', messageWithContactHash('hash-A', '16505550001')), identityOnly, memory);
		expect(
			eventsToEmit(envelope('messages', messageWithContactHash('hash-B', '16505550002')), identityOnly, memory),
		).toEqual([]);
	});

	it('emits "seen" then "changed" when both are picked', () => {
		const settings = settingsWith({
			groups: new Set(['identity'] as const),
			selectedEvents: new Set(['identity_key_hash_seen', 'identity_key_hash_changed']),
		});
		const memory: TriggerMemory = { identityKeyHashes: [[`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`, 'hash-A']] };
		const events = eventsToEmit(envelope('messages', messageWithContactHash('hash-B')), settings, memory);
		expect(events.map((event) => event.event)).toEqual(['identity_key_hash_seen', 'identity_key_hash_changed']);
	});

	it('a legacy identity-changed message updates the memory, so its hash is not reported again', () => {
		const memory: TriggerMemory = { identityKeyHashes: [[`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`, 'hash-A']] };
		eventsToEmit(envelope('messages', legacyIdentityChanged), identityOnly, memory);
		expect(
			eventsToEmit(envelope('messages', messageWithContactHash('Sjvjlx8G6Z0=')), identityOnly, memory),
		).toEqual([]);
	});

	it('keeps at most the newest customers, dropping the least recently seen first', () => {
		const memory: TriggerMemory = {};
		const seen = (waId: string, hash: string) =>
			detectIdentityChanges(
				[
					{
						eventGroup: 'identity',
						field: 'messages',
						event: 'identity_key_hash_seen',
						wabaId: '1',
						entryTime: null,
						displayPhoneNumber: null,
						phoneNumberId: PHONE_NUMBER_ID,
						waId,
						identityKeyHash: hash,
						previousIdentityKeyHash: null,
						value: {},
					},
				],
				memory,
				3,
			).map((event) => event.event);
		seen('1', 'a');
		seen('2', 'a');
		seen('3', 'a');
		seen('1', 'a'); // seen again: now the newest
		seen('4', 'a'); // drops customer 2
		expect(memory.identityKeyHashes?.map(([key]) => key.split(':')[1])).toEqual(['3', '1', '4']);
		expect(seen('2', 'b')).toEqual(['identity_key_hash_seen']);
		expect(seen('1', 'b')).toEqual(['identity_key_hash_seen', 'identity_key_hash_changed']);
	});

	it('has a default bound', () => {
		expect(IDENTITY_HASHES_LIMIT).toBe(2000);
	});
});

describe('redelivery', () => {
	const statusOnly = settingsWith({ groups: new Set(['status'] as const) });

	it('the same change delivered twice produces its items once', () => {
		const memory: TriggerMemory = {};
		const payload = envelope('phone_number_quality_update', qualityFlagged);
		expect(eventsToEmit(payload, statusOnly, memory)).toHaveLength(1);
		expect(eventsToEmit(JSON.parse(JSON.stringify(payload)), statusOnly, memory)).toEqual([]);
		expect(memory.deliveredChanges).toHaveLength(1);
	});

	it('a redelivery with its keys in another order is still the same change', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('phone_number_quality_update', qualityFlagged), statusOnly, memory);
		const reordered = Object.fromEntries(Object.entries(qualityFlagged).reverse());
		expect(eventsToEmit(envelope('phone_number_quality_update', reordered), statusOnly, memory)).toEqual([]);
	});

	it('the same event happening again later (another entry time) is not a redelivery', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('phone_number_quality_update', qualityFlagged, { time: 1739321024 }), statusOnly, memory);
		expect(
			eventsToEmit(envelope('phone_number_quality_update', qualityFlagged, { time: 1739400000 }), statusOnly, memory),
		).toHaveLength(1);
	});

	it('only the new change of a partly redelivered delivery produces items', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('phone_number_quality_update', qualityFlagged), statusOnly, memory);
		const both = envelope('phone_number_quality_update', qualityFlagged);
		both.entry[0].changes.push({ field: 'security', value: { event: 'PIN_CHANGED' } as never });
		expect(eventsToEmit(both, statusOnly, memory).map((event) => event.event)).toEqual(['PIN_CHANGED']);
	});

	it('a change that produced no item is not remembered', () => {
		const memory: TriggerMemory = {};
		eventsToEmit(envelope('messages', { metadata: {}, messages: [] }), identityOnly, memory);
		expect(memory.deliveredChanges).toBeUndefined();
	});

	it('keeps at most the newest fingerprints, dropping the oldest first', () => {
		const memory: TriggerMemory = {};
		for (const name of ['a', 'b', 'c', 'd']) rememberDelivered(memory, name, 3);
		expect(memory.deliveredChanges).toEqual(['b', 'c', 'd']);
		expect(DELIVERED_CHANGES_LIMIT).toBe(1000);
	});

	it('after more changes than the bound, the oldest one is forgotten and the newest still deduplicated', () => {
		const memory: TriggerMemory = {};
		const payloadAt = (time: number) => envelope('phone_number_quality_update', qualityFlagged, { time });
		for (let time = 1; time <= DELIVERED_CHANGES_LIMIT + 1; time++) eventsToEmit(payloadAt(time), statusOnly, memory);
		expect(memory.deliveredChanges).toHaveLength(DELIVERED_CHANGES_LIMIT);
		expect(eventsToEmit(payloadAt(DELIVERED_CHANGES_LIMIT + 1), statusOnly, memory)).toEqual([]);
		expect(eventsToEmit(payloadAt(1), statusOnly, memory)).toHaveLength(1);
	});

	it('fingerprints are short hex digests that do not contain the payload', () => {
		const [change] = changesOf(envelope('phone_number_quality_update', qualityFlagged));
		expect(changeFingerprint(change)).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('replaying memory updates in the execution', () => {
	const everything = settingsWith({
		groups: new Set(['status', 'identity'] as const),
		selectedEvents: new Set(['phone_number_quality_update', 'identity_key_hash_changed', 'customer_identity_changed']),
	});

	it('rebuilds from the output items exactly what receiving the delivery remembered', () => {
		// The memory as stored before the deliveries: the customer's first hash was seen earlier.
		const stored = (): TriggerMemory => ({ identityKeyHashes: [[`${PHONE_NUMBER_ID}:${CUSTOMER_WA_ID}`, 'hash-A']] });
		const deliveries = [
			envelope('phone_number_quality_update', qualityFlagged, { time: 1739321024 }),
			envelope('messages', statusWithRecipientHash('hash-B'), { time: 1739321025 }),
			envelope('messages', legacyIdentityChanged, { time: 1739321026 }),
		];
		for (const delivery of deliveries) {
			const whileReceiving = stored();
			const items = eventsToEmit(delivery, everything, whileReceiving);
			expect(items.length).toBeGreaterThan(0);

			const inExecution = stored();
			replayMemoryUpdates(inExecution, items);
			expect(inExecution).toEqual(whileReceiving);
		}
	});

	it('makes a redelivery of a replayed change produce nothing', () => {
		const delivery = envelope('phone_number_quality_update', qualityFlagged, { time: 1739321024 });
		const items = eventsToEmit(delivery, everything, {});
		expect(items).toHaveLength(1);
		const persisted: TriggerMemory = {};
		replayMemoryUpdates(persisted, items);
		expect(eventsToEmit(delivery, everything, persisted)).toEqual([]);
	});

	it('does not remember a change twice when the execution runs on memory that already has it', () => {
		const delivery = envelope('phone_number_quality_update', qualityFlagged, { time: 1739321024 });
		const memory: TriggerMemory = {};
		const items = eventsToEmit(delivery, everything, memory);
		replayMemoryUpdates(memory, items);
		expect(memory.deliveredChanges).toEqual([changeFingerprint(changesOf(delivery)[0])]);
	});
});
