/** Webhook payloads shaped like Meta's (see the Webhooks section of the API notes). */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { EVENT_CATALOGUE, type PhoneNumberEvent } from '../../../nodes/WhatsAppPhoneNumberTrigger/events';
import { DeliveryMemory, storedChanges, storedCustomers, type StoredMemory } from '../../../nodes/WhatsAppPhoneNumberTrigger/memory';
import { eventsToEmit } from '../../../nodes/WhatsAppPhoneNumberTrigger/receive';
import type { TriggerSettings } from '../../../nodes/WhatsAppPhoneNumberTrigger/settings';
import { TEST_APP_SECRET } from '../../harness/graphMock';

export const WABA_ID = '102290129340398';
export const OTHER_WABA_ID = '104996122399160';
export const PHONE_NUMBER_ID = '106540352242922';
export const DISPLAY_PHONE_NUMBER = '15550783881';
export const CUSTOMER_WA_ID = '16505551234';
/** 2025-02-12T00:43:44.000Z */
export const ENTRY_TIME = 1739321024;
export const ENTRY_TIME_ISO = '2025-02-12T00:43:44.000Z';

export function envelope(field: string, value: object, { wabaId = WABA_ID, time = ENTRY_TIME } = {}) {
	return {
		object: 'whatsapp_business_account',
		entry: [{ id: wabaId, time, changes: [{ field, value }] }],
	};
}

export const capabilityUpdate = {
	max_daily_conversation_per_phone: 1000,
	max_phone_numbers_per_business: 20,
	max_phone_numbers_per_waba: -1,
};

export const qualityFlagged = {
	display_phone_number: DISPLAY_PHONE_NUMBER,
	event: 'FLAGGED',
	current_limit: 'TIER_1K',
	old_limit: 'TIER_1K',
};

export const nameRejected = {
	display_phone_number: DISPLAY_PHONE_NUMBER,
	decision: 'REJECTED',
	requested_verified_name: 'Jasper Market',
	rejection_reason: 'NAME_FORMAT_UNACCEPTABLE',
};

export const accountViolation = {
	phone_number: DISPLAY_PHONE_NUMBER,
	event: 'ACCOUNT_VIOLATION',
	violation_info: { violation_type: 'SCAM' },
};

export const accountVerified = { event: 'VERIFIED_ACCOUNT' };

export const pinChanged = {
	display_phone_number: DISPLAY_PHONE_NUMBER,
	event: 'PIN_CHANGED',
	requester: '2121345678',
};

/** Meta's account_alerts shape: the entity, then `alert_info`. */
export const obaApproved = {
	entity_type: 'PHONE_NUMBER',
	entity_id: PHONE_NUMBER_ID,
	alert_info: {
		alert_severity: 'INFORMATIONAL',
		alert_status: 'NONE',
		alert_type: 'OBA_APPROVED',
		alert_description: 'Your Official Business Account request was approved.',
	},
};

export const limitIncreaseDeferred = {
	entity_type: 'BUSINESS',
	entity_id: '506914307656634',
	alert_info: {
		alert_severity: 'WARNING',
		alert_status: 'ACTIVE',
		alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
		alert_description:
			'Limits cannot be increased for your business Jasper Market. Use WhatsApp Business platform actively for several days and follow our messaging policies.',
	},
};

export const accountReviewApproved = { decision: 'APPROVED' };

const metadata = { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID };
/** The `metadata` of the `messages` fixtures: the business number they arrived on. */
export const BUSINESS_METADATA = metadata;

/** An incoming message from a customer whose identity check is on. */
export function messageWithContactHash(hash: string, waId = CUSTOMER_WA_ID) {
	return {
		messaging_product: 'whatsapp',
		metadata,
		contacts: [{ profile: { name: 'Kerry Fisher' }, wa_id: waId, identity_key_hash: hash }],
		messages: [{ from: waId, id: `wamid.${hash}`, timestamp: '1739321024', type: 'text', text: { body: 'Hi' } }],
	};
}

export function statusWithRecipientHash(hash: string, waId = CUSTOMER_WA_ID) {
	return {
		messaging_product: 'whatsapp',
		metadata,
		statuses: [
			{ id: 'wamid.status1', status: 'delivered', timestamp: '1739321024', recipient_id: waId, recipient_identity_key_hash: hash },
		],
	};
}

export const legacyIdentityChanged = {
	messaging_product: 'whatsapp',
	metadata,
	messages: [
		{
			from: CUSTOMER_WA_ID,
			id: 'wamid.system1',
			identity: { acknowledged: false, created_timestamp: 1739321000, hash: 'Sjvjlx8G6Z0=' },
			system: { body: 'User identity changed', customer: CUSTOMER_WA_ID, type: 'customer_identity_changed' },
			timestamp: '1739321024',
			type: 'system',
		},
	],
};

export const sendRefused = {
	messaging_product: 'whatsapp',
	metadata,
	statuses: [
		{
			id: 'wamid.refused1',
			status: 'failed',
			timestamp: '1739321024',
			recipient_id: CUSTOMER_WA_ID,
			errors: [{ code: 137000, title: 'Identity key hash mismatch', message: 'Identity key hash mismatch' }],
		},
	],
};

/** The header Meta sends: HMAC-SHA256 of the exact bytes, keyed with the app secret. */
export function signatureOf(body: Buffer | string, secret = TEST_APP_SECRET): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A body as Meta sends it: compact JSON, with the headers that sign it. */
export function signedDelivery(payload: object, secret = TEST_APP_SECRET) {
	const body = Buffer.from(JSON.stringify(payload));
	return {
		body,
		headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, secret) },
	};
}

/** Every group and event picked, no filters: what a test narrows from. */
const ALL_EVENTS = Object.values(EVENT_CATALOGUE).flatMap((events) => Object.keys(events));

export function settingsWith(overrides: Partial<TriggerSettings> = {}): TriggerSettings {
	return {
		manageSubscription: false,
		subscriptionScope: 'app',
		overrideTargets: { wabaIds: [], phoneNumberIds: [] },
		groups: new Set(['capability', 'status', 'template', 'identity'] as const),
		selectedEvents: new Set(ALL_EVENTS),
		filters: { wabaIds: [], businessNumbers: [], eventNames: [] },
		includeOtherFields: true,
		skipSignatureVerification: false,
		...overrides,
	};
}

/* ------------------------------------------------------------------ */
/* Memory: one delivery handled the way `receiveDelivery` handles it.   */
/* ------------------------------------------------------------------ */

/** Where a test keeps the trigger's memory: this "process"'s scope and the workflow static data. */
export interface MemoryHandle {
	/** The process memory's scope; another scope on the same `stored` models another process. */
	scope: string;
	/** The workflow static data (`getWorkflowStaticData('node')`). */
	stored: StoredMemory;
}

let scopes = 0;

/** A scope no other test uses, so process memories never leak between tests. */
export function newScope(label = 'process'): string {
	scopes += 1;
	return `test:${label}:${scopes}:${Math.random().toString(36).slice(2)}`;
}

/** Static data as the trigger stores it, from readable lists (changeIds, customers). */
export function storedWith({ changes = [], customers = {} }: { changes?: string[]; customers?: Record<string, [string, number]> }): StoredMemory {
	return {
		changes: changes.join(''),
		customers: Object.entries(customers)
			.map(([key, [hash, at]]) => `${key} ${hash} ${at.toString(36)}\n`)
			.join(''),
		customerLines: Object.keys(customers).length,
	};
}

/** A fresh process memory on the given static data (empty by default). */
export function newMemory(stored: StoredMemory = {}, label?: string): MemoryHandle {
	return { scope: newScope(label), stored };
}

/** A deep copy of static data, as n8n loads it from the database for a request. */
export function snapshot(stored: StoredMemory): StoredMemory {
	return JSON.parse(JSON.stringify(stored)) as StoredMemory;
}

/** What `receiveDelivery` does with a verified envelope: build the memory, select, save. */
export function deliver(payload: object, settings: TriggerSettings, memory: MemoryHandle = newMemory(), now = Date.now()) {
	const deliveryMemory = new DeliveryMemory(memory.scope, memory.stored);
	const selection = eventsToEmit(payload as IDataObject, settings, deliveryMemory, now);
	deliveryMemory.save();
	return selection;
}

/** The items a delivery starts the workflow with. */
export function emit(payload: object, settings: TriggerSettings, memory: MemoryHandle = newMemory(), now = Date.now()): PhoneNumberEvent[] {
	return deliver(payload, settings, memory, now).events;
}

/** The stored changeIds, oldest first. */
export const changesIn = (stored: StoredMemory): string[] => storedChanges(stored);

/** The stored customers as `{ key: [hash, recordedAt] }`, oldest first. */
export const customersIn = (stored: StoredMemory): Record<string, [string, number]> =>
	Object.fromEntries(storedCustomers(stored));

/** The "WhatsApp Business Accounts" parameter with each WABA entered By ID. */
export const wabasById = (...ids: string[]) => ({ waba: ids.map((value) => ({ wabaId: { __rl: true, mode: 'id', value } })) });
