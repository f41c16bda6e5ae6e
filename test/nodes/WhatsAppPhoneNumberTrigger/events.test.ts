import { createHash } from 'node:crypto';

import { changesOf, CHANGES_PER_DELIVERY_LIMIT, readEnvelope } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import {
	accountVerified,
	accountViolation,
	BUSINESS_METADATA,
	capabilityUpdate,
	CUSTOMER_WA_ID,
	deliver,
	DISPLAY_PHONE_NUMBER,
	emit,
	ENTRY_TIME,
	ENTRY_TIME_ISO,
	envelope,
	legacyIdentityChanged,
	messageWithContactHash,
	nameRejected,
	PHONE_NUMBER_ID,
	pinChanged,
	qualityFlagged,
	sendRefused,
	settingsWith,
	statusWithRecipientHash,
	WABA_ID,
} from './fixtures';

const HEX_ID = /^[A-Za-z0-9_-]{16}$/;

const common = {
	wabaId: WABA_ID,
	businessPortfolioId: null,
	entryTime: ENTRY_TIME_ISO,
	waId: null,
	userId: null,
	identityKeyHash: null,
	previousIdentityKeyHash: null,
};

/** The ID of the only change of a payload. */
function idOf(payload: object): string {
	const changes = changesOf(payload as never);
	expect(changes).toHaveLength(1);
	return changes[0].changeId;
}

describe('event normalisation', () => {
	it('business_capability_update: group capability, the field as event name, no business number', () => {
		const payload = envelope('business_capability_update', capabilityUpdate);
		expect(emit(payload, settingsWith())).toEqual([
			{
				...common,
				eventGroup: 'capability',
				field: 'business_capability_update',
				event: 'business_capability_update',
				displayPhoneNumber: null,
				phoneNumberId: null,
				changeId: idOf(payload),
				value: capabilityUpdate,
			},
		]);
	});

	it('phone_number_quality_update: the event (FLAGGED) and the display number', () => {
		const payload = envelope('phone_number_quality_update', qualityFlagged);
		expect(emit(payload, settingsWith())).toEqual([
			{
				...common,
				eventGroup: 'status',
				field: 'phone_number_quality_update',
				event: 'FLAGGED',
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				phoneNumberId: null,
				changeId: idOf(payload),
				value: qualityFlagged,
			},
		]);
	});

	it('phone_number_name_update: the decision is the event name', () => {
		const [event] = emit(envelope('phone_number_name_update', nameRejected), settingsWith());
		expect(event).toMatchObject({ eventGroup: 'status', event: 'REJECTED', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
		expect(event.value).toEqual(nameRejected);
	});

	it('account_update: the event, and phone_number as the display number when given', () => {
		const [violation] = emit(envelope('account_update', accountViolation), settingsWith());
		expect(violation).toMatchObject({ eventGroup: 'status', event: 'ACCOUNT_VIOLATION', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
		const [verified] = emit(envelope('account_update', accountVerified), settingsWith());
		expect(verified).toMatchObject({ event: 'VERIFIED_ACCOUNT', displayPhoneNumber: null, wabaId: WABA_ID });
	});

	it('security: the PIN event and the display number', () => {
		const [event] = emit(envelope('security', pinChanged), settingsWith());
		expect(event).toMatchObject({ eventGroup: 'status', field: 'security', event: 'PIN_CHANGED', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
	});

	it('messages: a contact identity hash is "seen", with the customer, the business number and only that contact in its value', () => {
		const value = messageWithContactHash('hash-A');
		const payload = envelope('messages', value);
		expect(emit(payload, settingsWith())).toEqual([
			{
				...common,
				eventGroup: 'identity',
				field: 'messages',
				event: 'identity_key_hash_seen',
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				phoneNumberId: PHONE_NUMBER_ID,
				waId: CUSTOMER_WA_ID,
				identityKeyHash: 'hash-A',
				changeId: idOf(payload),
				// The change's envelope keys and the one contact; not the messages beside it.
				value: { messaging_product: 'whatsapp', metadata: BUSINESS_METADATA, contacts: [value.contacts[0]] },
			},
		]);
	});

	it('messages: a status recipient hash is "seen" for the recipient', () => {
		const [event] = emit(envelope('messages', statusWithRecipientHash('hash-B')), settingsWith());
		expect(event).toMatchObject({ event: 'identity_key_hash_seen', waId: CUSTOMER_WA_ID, userId: null, identityKeyHash: 'hash-B' });
		expect(event.value).toEqual(statusWithRecipientHash('hash-B'));
	});

	it('messages: a legacy customer_identity_changed system message', () => {
		const events = emit(envelope('messages', legacyIdentityChanged), settingsWith());
		expect(events).toEqual([
			expect.objectContaining({
				eventGroup: 'identity',
				event: 'customer_identity_changed',
				waId: CUSTOMER_WA_ID,
				userId: null,
				identityKeyHash: 'Sjvjlx8G6Z0=',
				changeId: expect.stringMatching(HEX_ID),
				value: legacyIdentityChanged,
			}),
		]);
	});

	it('messages: a send refused with error 137000', () => {
		const events = emit(envelope('messages', sendRefused), settingsWith());
		expect(events).toEqual([
			expect.objectContaining({ event: 'identity_send_refused', waId: CUSTOMER_WA_ID, phoneNumberId: PHONE_NUMBER_ID, value: sendRefused }),
		]);
	});

	it('messages: the business-scoped user ID of a contact or status recipient is the userId', () => {
		const value = {
			messaging_product: 'whatsapp',
			metadata: BUSINESS_METADATA,
			contacts: [{ profile: { name: 'Kerry' }, user_id: 'US.13491208655302741918', identity_key_hash: 'h-contact' }],
			statuses: [
				{ id: 'wamid.s1', status: 'read', recipient_user_id: 'US.98765', recipient_identity_key_hash: 'h-status' },
			],
		};
		const events = emit(envelope('messages', value), settingsWith());
		expect(events.map((event) => [event.event, event.waId, event.userId, event.identityKeyHash])).toEqual([
			['identity_key_hash_seen', null, 'US.13491208655302741918', 'h-contact'],
			['identity_key_hash_seen', null, 'US.98765', 'h-status'],
		]);
	});

	it('messages: each identity event carries only its own contact, status or message, in the change shape', () => {
		const contacts = ['1', '2', '3'].map((n) => ({ wa_id: `1650555000${n}`, identity_key_hash: `hash-${n}` }));
		const statuses = [
			{ id: 'wamid.s1', status: 'sent', recipient_id: '16505550009', recipient_identity_key_hash: 'hash-9' },
			sendRefused.statuses[0],
		];
		const messages = [legacyIdentityChanged.messages[0], { from: '16505550001', id: 'wamid.text', type: 'text', text: { body: 'Hi' } }];
		const value = { messaging_product: 'whatsapp', metadata: BUSINESS_METADATA, contacts, messages, statuses };
		const events = emit(envelope('messages', value), settingsWith());
		const envelopeKeys = { messaging_product: 'whatsapp', metadata: BUSINESS_METADATA };
		expect(events.map((event) => [event.event, event.value])).toEqual([
			['identity_key_hash_seen', { ...envelopeKeys, contacts: [contacts[0]] }],
			['identity_key_hash_seen', { ...envelopeKeys, contacts: [contacts[1]] }],
			['identity_key_hash_seen', { ...envelopeKeys, contacts: [contacts[2]] }],
			['customer_identity_changed', { ...envelopeKeys, messages: [messages[0]] }],
			['identity_key_hash_seen', { ...envelopeKeys, statuses: [statuses[0]] }],
			['identity_send_refused', { ...envelopeKeys, statuses: [statuses[1]] }],
		]);
		// All items of one change share its ID.
		expect(new Set(events.map((event) => event.changeId))).toEqual(new Set([idOf(envelope('messages', value))]));
	});

	it('messages without identity content start nothing', () => {
		const plain = { messaging_product: 'whatsapp', metadata: {}, messages: [{ from: CUSTOMER_WA_ID, type: 'text' }] };
		expect(emit(envelope('messages', plain), settingsWith())).toEqual([]);
	});

	it('an unknown event name inside a known field passes through', () => {
		const [event] = emit(envelope('phone_number_quality_update', { ...qualityFlagged, event: 'SOMETHING_NEW' }), settingsWith());
		expect(event).toMatchObject({ eventGroup: 'status', event: 'SOMETHING_NEW' });
	});

	it('an unknown field passes through as group "other", unless Include Other Fields is off', () => {
		const payload = envelope('message_template_components_update', { event: 'APPROVED', message_template_id: 12345 });
		expect(emit(payload, settingsWith())).toEqual([
			expect.objectContaining({ eventGroup: 'other', field: 'message_template_components_update', event: 'APPROVED', userId: null }),
		]);
		expect(emit(payload, settingsWith({ includeOtherFields: false }))).toEqual([]);
	});

	it('one item per change, across entries, each with its change ID and the change value itself (not a copy)', () => {
		const payload = {
			object: 'whatsapp_business_account',
			entry: [
				{ id: WABA_ID, time: 1739321024, changes: [{ field: 'security', value: pinChanged }, { field: 'account_update', value: accountVerified }] },
				{ id: '104996122399160', time: 1739321025, changes: [{ field: 'phone_number_quality_update', value: qualityFlagged }] },
			],
		};
		const events = emit(payload, settingsWith());
		expect(events.map((event) => [event.wabaId, event.event])).toEqual([
			[WABA_ID, 'PIN_CHANGED'],
			[WABA_ID, 'VERIFIED_ACCOUNT'],
			['104996122399160', 'FLAGGED'],
		]);
		expect(events[2].entryTime).toBe('2025-02-12T00:43:45.000Z');
		expect(events.map((event) => event.changeId)).toEqual(changesOf(payload).map((change) => change.changeId));
		expect(new Set(events.map((event) => event.changeId)).size).toBe(3);
		expect(events[0].value).toBe(pinChanged);
		expect(events[1].value).toBe(accountVerified);
		expect(events[2].value).toBe(qualityFlagged);
	});

	it('only the picked groups and events start the workflow', () => {
		const settings = settingsWith({ groups: new Set(['status'] as const), selectedEvents: new Set(['security']) });
		expect(emit(envelope('phone_number_quality_update', qualityFlagged), settings)).toEqual([]);
		expect(emit(envelope('business_capability_update', capabilityUpdate), settings)).toEqual([]);
		expect(emit(envelope('messages', sendRefused), settings)).toEqual([]);
		expect(emit(envelope('security', pinChanged), settings)).toHaveLength(1);
	});

	it(`reads the first ${CHANGES_PER_DELIVERY_LIMIT} changes of a delivery and counts the rest as skipped`, () => {
		expect(CHANGES_PER_DELIVERY_LIMIT).toBe(100);
		const changes = Array.from({ length: CHANGES_PER_DELIVERY_LIMIT + 5 }, (_, index) => ({
			field: 'phone_number_quality_update',
			value: { ...qualityFlagged, current_limit: `TIER_${index}` },
		}));
		const payload = { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, time: ENTRY_TIME, changes }] };
		const { events, changesSkipped } = deliver(payload, settingsWith());
		expect(events).toHaveLength(CHANGES_PER_DELIVERY_LIMIT);
		expect(events[CHANGES_PER_DELIVERY_LIMIT - 1].value.current_limit).toBe(`TIER_${CHANGES_PER_DELIVERY_LIMIT - 1}`);
		expect(changesSkipped).toBe(5);
	});
});

describe('changesOf: change IDs', () => {
	it('the change ID is the first 32 hex digits of the SHA-256 of [WABA ID, entry time, field, value] as sent', () => {
		const payload = envelope('phone_number_quality_update', qualityFlagged);
		const expected = createHash('sha256')
			.update(JSON.stringify([WABA_ID, ENTRY_TIME, 'phone_number_quality_update', qualityFlagged]), 'utf8')
			.digest('base64url')
			.slice(0, 16);
		expect(idOf(payload)).toBe(expected);
		expect(idOf(payload)).toMatch(HEX_ID);
	});

	it('the same bytes delivered again give the same change ID', () => {
		const bytes = JSON.stringify(envelope('phone_number_quality_update', qualityFlagged));
		expect(idOf(JSON.parse(bytes))).toBe(idOf(JSON.parse(bytes)));
	});

	it('a body with its keys in another order is a different change (Meta redelivers identical bytes)', () => {
		const reordered = Object.fromEntries(Object.entries(qualityFlagged).reverse());
		expect(reordered).toEqual(qualityFlagged);
		expect(idOf(envelope('phone_number_quality_update', reordered))).not.toBe(idOf(envelope('phone_number_quality_update', qualityFlagged)));
	});

	it('the WABA, the entry time and the field are part of the ID', () => {
		const base = idOf(envelope('security', pinChanged));
		expect(idOf(envelope('security', pinChanged, { wabaId: '104996122399160' }))).not.toBe(base);
		expect(idOf(envelope('security', pinChanged, { time: ENTRY_TIME + 1 }))).not.toBe(base);
		expect(idOf(envelope('account_update', pinChanged))).not.toBe(base);
	});
});

describe('readEnvelope', () => {
	const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload));

	it("uses n8n's parsed body when it is an object with an object key", () => {
		const parsed = envelope('security', pinChanged);
		expect(readEnvelope(raw(envelope('account_update', accountVerified)), parsed)).toBe(parsed);
		// n8n parsed the same signed bytes: another object there is not a WhatsApp notification.
		expect(readEnvelope(raw(parsed), { object: 'page', entry: [] })).toBeUndefined();
	});

	it('parses the raw bytes when n8n did not parse them as JSON', () => {
		const payload = envelope('security', pinChanged);
		expect(readEnvelope(raw(payload), {})).toEqual(payload);
		expect(readEnvelope(raw(payload), undefined)).toEqual(payload);
		expect(readEnvelope(raw(payload), 'text body')).toEqual(payload);
		expect(readEnvelope(raw(payload), [payload])).toEqual(payload);
	});

	it('refuses malformed JSON, another object, or a body without entry', () => {
		expect(readEnvelope(Buffer.from('{"object":"whatsapp_business_account",'), {})).toBeUndefined();
		expect(readEnvelope(raw({ object: 'page', entry: [] }), {})).toBeUndefined();
		expect(readEnvelope(raw({ object: 'whatsapp_business_account' }), {})).toBeUndefined();
		expect(readEnvelope(raw({ object: 'whatsapp_business_account', entry: {} }), {})).toBeUndefined();
		expect(readEnvelope(Buffer.from('[]'), {})).toBeUndefined();
		expect(readEnvelope(Buffer.alloc(0), undefined)).toBeUndefined();
	});

	it('ignores changes without a field or an object value', () => {
		const payload = {
			object: 'whatsapp_business_account',
			entry: [{ id: WABA_ID, changes: [{ value: pinChanged }, { field: 'security', value: 'x' }, { field: 'security', value: pinChanged }] }, 'junk'],
		};
		expect(changesOf(payload)).toHaveLength(1);
		expect(emit(payload, settingsWith())).toEqual([expect.objectContaining({ event: 'PIN_CHANGED', entryTime: null })]);
	});
});
