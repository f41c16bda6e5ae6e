import { readEnvelope } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import type { TriggerMemory } from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import { eventsToEmit } from '../../../nodes/WhatsAppPhoneNumberTrigger/receive';
import {
	accountVerified,
	accountViolation,
	capabilityUpdate,
	CUSTOMER_WA_ID,
	DISPLAY_PHONE_NUMBER,
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

const common = {
	wabaId: WABA_ID,
	entryTime: ENTRY_TIME_ISO,
	waId: null,
	identityKeyHash: null,
	previousIdentityKeyHash: null,
};

describe('event normalisation', () => {
	it('business_capability_update: group capability, the field as event name, no business number', () => {
		expect(eventsToEmit(envelope('business_capability_update', capabilityUpdate), settingsWith(), {})).toEqual([
			{
				...common,
				eventGroup: 'capability',
				field: 'business_capability_update',
				event: 'business_capability_update',
				displayPhoneNumber: null,
				phoneNumberId: null,
				value: capabilityUpdate,
			},
		]);
	});

	it('phone_number_quality_update: the event (FLAGGED) and the display number', () => {
		expect(eventsToEmit(envelope('phone_number_quality_update', qualityFlagged), settingsWith(), {})).toEqual([
			{
				...common,
				eventGroup: 'status',
				field: 'phone_number_quality_update',
				event: 'FLAGGED',
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				phoneNumberId: null,
				value: qualityFlagged,
			},
		]);
	});

	it('phone_number_name_update: the decision is the event name', () => {
		const [event] = eventsToEmit(envelope('phone_number_name_update', nameRejected), settingsWith(), {});
		expect(event).toMatchObject({ eventGroup: 'status', event: 'REJECTED', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
		expect(event.value).toEqual(nameRejected);
	});

	it('account_update: the event, and phone_number as the display number when given', () => {
		const [violation] = eventsToEmit(envelope('account_update', accountViolation), settingsWith(), {});
		expect(violation).toMatchObject({ eventGroup: 'status', event: 'ACCOUNT_VIOLATION', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
		const [verified] = eventsToEmit(envelope('account_update', accountVerified), settingsWith(), {});
		expect(verified).toMatchObject({ event: 'VERIFIED_ACCOUNT', displayPhoneNumber: null, wabaId: WABA_ID });
	});

	it('security: the PIN event and the display number', () => {
		const [event] = eventsToEmit(envelope('security', pinChanged), settingsWith(), {});
		expect(event).toMatchObject({ eventGroup: 'status', field: 'security', event: 'PIN_CHANGED', displayPhoneNumber: DISPLAY_PHONE_NUMBER });
	});

	it('messages: a contact identity hash is "seen", with the customer and the business number', () => {
		const value = messageWithContactHash('hash-A');
		expect(eventsToEmit(envelope('messages', value), settingsWith(), {})).toEqual([
			{
				...common,
				eventGroup: 'identity',
				field: 'messages',
				event: 'identity_key_hash_seen',
				displayPhoneNumber: DISPLAY_PHONE_NUMBER,
				phoneNumberId: PHONE_NUMBER_ID,
				waId: CUSTOMER_WA_ID,
				identityKeyHash: 'hash-A',
				value,
			},
		]);
	});

	it('messages: a status recipient hash is "seen" for the recipient', () => {
		const [event] = eventsToEmit(envelope('messages', statusWithRecipientHash('hash-B')), settingsWith(), {});
		expect(event).toMatchObject({ event: 'identity_key_hash_seen', waId: CUSTOMER_WA_ID, identityKeyHash: 'hash-B' });
	});

	it('messages: a legacy customer_identity_changed system message', () => {
		const events = eventsToEmit(envelope('messages', legacyIdentityChanged), settingsWith(), {});
		expect(events).toEqual([
			expect.objectContaining({
				eventGroup: 'identity',
				event: 'customer_identity_changed',
				waId: CUSTOMER_WA_ID,
				identityKeyHash: 'Sjvjlx8G6Z0=',
				value: legacyIdentityChanged,
			}),
		]);
	});

	it('messages: a send refused with error 137000', () => {
		const events = eventsToEmit(envelope('messages', sendRefused), settingsWith(), {});
		expect(events).toEqual([
			expect.objectContaining({ event: 'identity_send_refused', waId: CUSTOMER_WA_ID, phoneNumberId: PHONE_NUMBER_ID }),
		]);
	});

	it('messages without identity content start nothing', () => {
		const plain = { messaging_product: 'whatsapp', metadata: {}, messages: [{ from: CUSTOMER_WA_ID, type: 'text' }] };
		expect(eventsToEmit(envelope('messages', plain), settingsWith(), {})).toEqual([]);
	});

	it('an unknown event name inside a known field passes through', () => {
		const [event] = eventsToEmit(
			envelope('phone_number_quality_update', { ...qualityFlagged, event: 'SOMETHING_NEW' }),
			settingsWith(),
			{},
		);
		expect(event).toMatchObject({ eventGroup: 'status', event: 'SOMETHING_NEW' });
	});

	it('an unknown field passes through as group "other", unless Include Other Fields is off', () => {
		const payload = envelope('message_template_status_update', { event: 'APPROVED', message_template_id: 12345 });
		expect(eventsToEmit(payload, settingsWith(), {})).toEqual([
			expect.objectContaining({ eventGroup: 'other', field: 'message_template_status_update', event: 'APPROVED' }),
		]);
		expect(eventsToEmit(payload, settingsWith({ includeOtherFields: false }), {})).toEqual([]);
	});

	it('one item per change, across entries, and the value of each item is a copy of the original', () => {
		const payload = {
			object: 'whatsapp_business_account',
			entry: [
				{ id: WABA_ID, time: 1739321024, changes: [{ field: 'security', value: pinChanged }, { field: 'account_update', value: accountVerified }] },
				{ id: '104996122399160', time: 1739321025, changes: [{ field: 'phone_number_quality_update', value: qualityFlagged }] },
			],
		};
		const events = eventsToEmit(payload, settingsWith(), {});
		expect(events.map((event) => [event.wabaId, event.event])).toEqual([
			[WABA_ID, 'PIN_CHANGED'],
			[WABA_ID, 'VERIFIED_ACCOUNT'],
			['104996122399160', 'FLAGGED'],
		]);
		expect(events[2].entryTime).toBe('2025-02-12T00:43:45.000Z');
		events[0].value.event = 'EDITED';
		expect(pinChanged.event).toBe('PIN_CHANGED');
	});

	it('only the picked groups and events start the workflow', () => {
		const settings = settingsWith({ groups: new Set(['status'] as const), selectedEvents: new Set(['security']) });
		expect(eventsToEmit(envelope('phone_number_quality_update', qualityFlagged), settings, {})).toEqual([]);
		expect(eventsToEmit(envelope('business_capability_update', capabilityUpdate), settings, {})).toEqual([]);
		expect(eventsToEmit(envelope('messages', sendRefused), settings, {})).toEqual([]);
		expect(eventsToEmit(envelope('security', pinChanged), settings, {})).toHaveLength(1);
	});
});

describe('readEnvelope', () => {
	it('reads the signed bytes, not the parsed body', () => {
		const raw = Buffer.from(JSON.stringify(envelope('security', pinChanged)));
		expect(readEnvelope(raw, { object: 'something_else' })).toEqual(envelope('security', pinChanged));
	});

	it('refuses malformed JSON, another object, or a body without entry', () => {
		expect(readEnvelope(Buffer.from('{"object":"whatsapp_business_account",'), {})).toBeUndefined();
		expect(readEnvelope(Buffer.from(JSON.stringify({ object: 'page', entry: [] })), {})).toBeUndefined();
		expect(readEnvelope(Buffer.from(JSON.stringify({ object: 'whatsapp_business_account' })), {})).toBeUndefined();
		expect(readEnvelope(Buffer.from('[]'), {})).toBeUndefined();
	});

	it('falls back to the parsed body only when there are no raw bytes', () => {
		expect(readEnvelope(undefined, envelope('security', pinChanged))).toEqual(envelope('security', pinChanged));
	});

	it('ignores changes without a field or an object value', () => {
		const payload = {
			object: 'whatsapp_business_account',
			entry: [{ id: WABA_ID, changes: [{ value: pinChanged }, { field: 'security', value: 'x' }, { field: 'security', value: pinChanged }] }, 'junk'],
		};
		const memory: TriggerMemory = {};
		expect(eventsToEmit(payload, settingsWith(), memory)).toEqual([
			expect.objectContaining({ event: 'PIN_CHANGED', entryTime: null }),
		]);
	});
});
