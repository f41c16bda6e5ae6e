import { changesOf, eventsOfChange } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import { CUSTOMERS_PER_DELIVERY_LIMIT, IdentityTracker } from '../../../nodes/WhatsAppPhoneNumberTrigger/identity';
import { customerKey, DeliveryMemory, MAX_IDENTITY_HASH_LENGTH } from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import {
	BUSINESS_METADATA,
	CUSTOMER_WA_ID,
	deliver,
	DISPLAY_PHONE_NUMBER,
	emit,
	envelope,
	legacyIdentityChanged,
	messageWithContactHash,
	newMemory,
	PHONE_NUMBER_ID,
	sendRefused,
	settingsWith,
	statusWithRecipientHash,
	changesIn,
	customersIn,
	storedWith,
} from './fixtures';

const changedOnly = settingsWith({ groups: new Set(['identity'] as const), selectedEvents: new Set(['identity_key_hash_changed']) });
const allIdentity = settingsWith({ groups: new Set(['identity'] as const) });

const CUSTOMER = customerKey(PHONE_NUMBER_ID, CUSTOMER_WA_ID);
const OTHER_PHONE_NUMBER_ID = '109876543210987';
const USER_ID = 'US.13491208655302741918';

/** A `messages` change with the given contacts and statuses, on the fixtures' business number by default. */
const messagesWith = (parts: { contacts?: object[]; statuses?: object[] }, metadata: object = BUSINESS_METADATA) => ({
	messaging_product: 'whatsapp',
	metadata,
	...parts,
});

let clock = 0;
/** Each delivery at a distinct entry time, so none is a redelivery of another. */
const deliveryOf = (value: object) => envelope('messages', value, { time: 1_739_000_000 + ++clock });

describe('whom a hash belongs to', () => {
	it('a customer without a wa_id is keyed by its business-scoped user ID', () => {
		const memory = newMemory();
		emit(deliveryOf(messagesWith({ contacts: [{ user_id: USER_ID, identity_key_hash: 'h1' }] })), changedOnly, memory, 1000);
		expect(customersIn(memory.stored)).toEqual({ [customerKey(PHONE_NUMBER_ID, `user:${USER_ID}`)]: ['h1', 1000] });

		const changed = emit(
			deliveryOf(messagesWith({ statuses: [{ id: 'wamid.s', status: 'read', recipient_user_id: USER_ID, recipient_identity_key_hash: 'h2' }] })),
			changedOnly,
			memory,
		);
		expect(changed).toEqual([
			expect.objectContaining({ event: 'identity_key_hash_changed', waId: null, userId: USER_ID, identityKeyHash: 'h2', previousIdentityKeyHash: 'h1' }),
		]);
	});

	it('a user ID and a wa_id with the same text are different customers', () => {
		const memory = newMemory();
		emit(deliveryOf(messagesWith({ contacts: [{ wa_id: '16505550000', identity_key_hash: 'h1' }] })), changedOnly, memory);
		expect(emit(deliveryOf(messagesWith({ contacts: [{ user_id: '16505550000', identity_key_hash: 'h2' }] })), changedOnly, memory)).toEqual([]);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(2);
	});

	it('when a contact has both, its wa_id is the key', () => {
		const memory = newMemory();
		emit(deliveryOf(messagesWith({ contacts: [{ wa_id: CUSTOMER_WA_ID, user_id: USER_ID, identity_key_hash: 'h1' }] })), changedOnly, memory);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toEqual([CUSTOMER]);
		expect(emit(deliveryOf(messageWithContactHash('h2')), changedOnly, memory)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'h1', identityKeyHash: 'h2' }),
		]);
	});

	it('the same customer is tracked separately per business number', () => {
		const memory = newMemory();
		const elsewhere = { display_phone_number: '15550000000', phone_number_id: OTHER_PHONE_NUMBER_ID };
		emit(deliveryOf(messageWithContactHash('h1')), changedOnly, memory);
		expect(emit(deliveryOf({ ...messageWithContactHash('h2'), metadata: elsewhere }), changedOnly, memory)).toEqual([]);
		expect(Object.keys(customersIn(memory.stored) ?? {}).sort()).toEqual([CUSTOMER, customerKey(OTHER_PHONE_NUMBER_ID, CUSTOMER_WA_ID)].sort());
		expect(emit(deliveryOf(messageWithContactHash('h3')), changedOnly, memory)).toEqual([
			expect.objectContaining({ phoneNumberId: PHONE_NUMBER_ID, previousIdentityKeyHash: 'h1' }),
		]);
	});

	it('without a phone-number ID, the digits of the display number identify the business number', () => {
		const memory = newMemory();
		const formatted = { display_phone_number: '+1 555-078-3881' };
		emit(deliveryOf({ ...messageWithContactHash('h1'), metadata: formatted }), changedOnly, memory);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toEqual([customerKey(DISPLAY_PHONE_NUMBER, CUSTOMER_WA_ID)]);
		expect(emit(deliveryOf({ ...messageWithContactHash('h2'), metadata: { display_phone_number: DISPLAY_PHONE_NUMBER } }), changedOnly, memory)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'h1', phoneNumberId: null }),
		]);
	});

	it('a hash with no business number or no customer to file it under is not remembered', () => {
		const memory = newMemory();
		emit(deliveryOf({ ...messageWithContactHash('h1'), metadata: {} }), changedOnly, memory);
		emit(deliveryOf(messagesWith({ contacts: [{ profile: { name: 'Nobody' }, identity_key_hash: 'h1' }] })), changedOnly, memory);
		expect(memory.stored).toEqual({});
	});

	it('a refused send does not change the memory', () => {
		const memory = newMemory();
		expect(emit(deliveryOf(sendRefused), allIdentity, memory).map((event) => event.event)).toEqual(['identity_send_refused']);
		expect(customersIn(memory.stored) ?? {}).toEqual({});
	});
});

describe('per-delivery limit', () => {
	const contacts = (count: number, hash: (index: number) => string) =>
		Array.from({ length: count }, (_, index) => ({ wa_id: String(16_505_550_000 + index), identity_key_hash: hash(index) }));

	it(`records at most ${CUSTOMERS_PER_DELIVERY_LIMIT} customers of one delivery and counts the rest as skipped`, () => {
		expect(CUSTOMERS_PER_DELIVERY_LIMIT).toBe(20);
		const memory = newMemory();
		const { customersSkipped, events } = deliver(deliveryOf(messagesWith({ contacts: contacts(25, () => 'old') })), allIdentity, memory);
		expect(customersSkipped).toBe(5);
		expect(events.filter((event) => event.event === 'identity_key_hash_seen')).toHaveLength(25); // all still reported as seen
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(CUSTOMERS_PER_DELIVERY_LIMIT);

		// In reverse order, the next delivery records customers 24 to 5: those of them recorded
		// before (19 to 5) are changes, those skipped before (24 to 20) are first sightings.
		const next = deliver(deliveryOf(messagesWith({ contacts: contacts(25, () => 'new').reverse() })), changedOnly, memory);
		const expected = contacts(25, () => '')
			.slice(5, 20)
			.map((contact) => contact.wa_id)
			.reverse();
		expect(next.events.map((event) => event.waId)).toEqual(expected);
		expect(next.customersSkipped).toBe(5);
	});

	it('the limit is per delivery: the next delivery records customers again', () => {
		const memory = newMemory();
		deliver(deliveryOf(messagesWith({ contacts: contacts(25, () => 'h') })), changedOnly, memory);
		const second = deliver(deliveryOf(messagesWith({ contacts: contacts(25, () => 'h').slice(20) })), changedOnly, memory);
		expect(second.customersSkipped).toBe(0);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(25);
	});

	it('the limit counts customers, not the events one customer has in the delivery', () => {
		const memory = newMemory();
		emit(deliveryOf(messageWithContactHash('h1', '16505559999')), changedOnly, memory);
		// One recipient's 25 statuses (all with the same hash), then a status of another customer whose hash changed.
		const statuses = Array.from({ length: 25 }, (_, index) => ({
			id: `wamid.${index}`,
			status: 'delivered',
			recipient_id: CUSTOMER_WA_ID,
			recipient_identity_key_hash: 'same',
		}));
		statuses.push({ id: 'wamid.last', status: 'delivered', recipient_id: '16505559999', recipient_identity_key_hash: 'h2' });
		const { events, customersSkipped } = deliver(deliveryOf(messagesWith({ statuses })), changedOnly, memory);
		expect({ customersSkipped, changed: events.map((event) => [event.waId, event.previousIdentityKeyHash]) }).toEqual({
			customersSkipped: 0,
			changed: [['16505559999', 'h1']],
		});
	});

	it('counts with the tracker used directly', () => {
		const { scope, stored } = newMemory();
		const memory = new DeliveryMemory(scope, stored);
		const [change] = changesOf(deliveryOf(messagesWith({ contacts: contacts(CUSTOMERS_PER_DELIVERY_LIMIT + 3, () => 'h') })));
		const tracker = new IdentityTracker(memory, 42);
		const out = tracker.detect(eventsOfChange(change, allIdentity));
		expect(out).toHaveLength(CUSTOMERS_PER_DELIVERY_LIMIT + 3);
		expect(tracker.skipped).toBe(3);
		memory.save();
		expect(Object.values(customersIn(stored) ?? {})).toEqual(Array(CUSTOMERS_PER_DELIVERY_LIMIT).fill(['h', 42]));
	});
});

describe('hash length', () => {
	it(`a hash longer than ${MAX_IDENTITY_HASH_LENGTH} characters is neither remembered nor compared`, () => {
		expect(MAX_IDENTITY_HASH_LENGTH).toBe(128);
		const memory = newMemory();
		emit(deliveryOf(messageWithContactHash('h1')), changedOnly, memory, 1000);
		const tooLong = 'x'.repeat(MAX_IDENTITY_HASH_LENGTH + 1);
		expect(emit(deliveryOf(statusWithRecipientHash(tooLong)), changedOnly, memory, 2000)).toEqual([]);
		expect(customersIn(memory.stored)).toEqual({ [CUSTOMER]: ['h1', 1000] });
		expect(emit(deliveryOf(messageWithContactHash('h1')), changedOnly, memory)).toEqual([]);
	});

	it(`a hash of exactly ${MAX_IDENTITY_HASH_LENGTH} characters is remembered and compared`, () => {
		const memory = newMemory();
		emit(deliveryOf(messageWithContactHash('h1')), changedOnly, memory);
		const longest = 'y'.repeat(MAX_IDENTITY_HASH_LENGTH);
		expect(emit(deliveryOf(statusWithRecipientHash(longest)), changedOnly, memory, 3000)).toEqual([
			expect.objectContaining({ identityKeyHash: longest, previousIdentityKeyHash: 'h1' }),
		]);
		expect(customersIn(memory.stored)).toEqual({ [CUSTOMER]: [longest, 3000] });
	});
});

describe('legacy identity-changed messages', () => {
	it('update the memory without a "changed" item, so the new hash is not reported again', () => {
		const memory = newMemory(storedWith({ customers: { [CUSTOMER]: ['hash-A', 1] } }));
		const legacy = emit(deliveryOf(legacyIdentityChanged), allIdentity, memory, 1000);
		expect(legacy.map((event) => event.event)).toEqual(['customer_identity_changed']);
		expect(customersIn(memory.stored)?.[CUSTOMER]).toEqual(['Sjvjlx8G6Z0=', 1000]);
		expect(emit(deliveryOf(messageWithContactHash('Sjvjlx8G6Z0=')), allIdentity, memory).map((event) => event.event)).toEqual([
			'identity_key_hash_seen',
		]);
	});

	it('are filed under the system message customer when the message has no sender', () => {
		const memory = newMemory();
		const [message] = legacyIdentityChanged.messages;
		const { from: _from, ...withoutSender } = message;
		emit(deliveryOf({ ...legacyIdentityChanged, messages: [withoutSender] }), changedOnly, memory, 500);
		expect(customersIn(memory.stored)).toEqual({ [CUSTOMER]: ['Sjvjlx8G6Z0=', 500] });
		expect(emit(deliveryOf(messageWithContactHash('hash-Z')), changedOnly, memory)).toEqual([
			expect.objectContaining({ previousIdentityKeyHash: 'Sjvjlx8G6Z0=' }),
		]);
	});
});
