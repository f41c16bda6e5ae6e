import { createHash } from 'crypto';
import { deepCopy, type IDataObject } from 'n8n-workflow';

import { IDENTITY_EVENTS, type PhoneNumberEvent } from './events';
import { customerKey, isStorableHash, type DeliveryMemory, type LateIdentityChange } from './memory';

/** Customers whose hash one delivery may record: bounds what a single body adds to memory. */
export const CUSTOMERS_PER_DELIVERY_LIMIT = 20;

const REMEMBERED_EVENTS: ReadonlySet<string> = new Set([IDENTITY_EVENTS.hashSeen, IDENTITY_EVENTS.legacyIdentityChanged]);

/** The customer by `wa_id`, or by Meta's business-scoped `user_id` where `wa_id` is absent. */
function keyOf(event: PhoneNumberEvent): string | undefined {
	const businessNumber = event.phoneNumberId ?? event.displayPhoneNumber?.replace(/\D/g, '');
	const customer = event.waId ?? (event.userId ? `user:${event.userId}` : null);
	return businessNumber && customer ? customerKey(businessNumber, customer) : undefined;
}

/**
 * Compares each identity hash with the last one this workflow saw for the same customer
 * and business number, and adds a "hash changed" event after each "hash seen" event whose
 * hash differs. A legacy identity-changed message updates the memory too, so the new
 * hash is not reported a second time when it next appears on a contact or status.
 */
export class IdentityTracker {
	private readonly recorded = new Set<string>();

	/** Customers beyond the per-delivery limit, not recorded. */
	skipped = 0;

	/** `reportsChanges`: "hash changed" is selected, so a first-seen hash keeps its event. */
	constructor(
		private readonly memory: DeliveryMemory,
		private readonly now: number,
		private readonly reportsChanges = true,
	) {}

	detect(events: PhoneNumberEvent[]): PhoneNumberEvent[] {
		const out: PhoneNumberEvent[] = [];
		for (const event of events) {
			out.push(event);
			const hash = event.identityKeyHash;
			if (event.eventGroup !== 'identity' || !REMEMBERED_EVENTS.has(event.event) || !hash) continue;
			if (!isStorableHash(hash)) continue;
			const key = keyOf(event);
			if (!key) continue;
			if (!this.recorded.has(key) && this.recorded.size >= CUSTOMERS_PER_DELIVERY_LIMIT) {
				this.skipped += 1;
				continue;
			}
			this.recorded.add(key);
			const seenIn = this.reportsChanges && event.event === IDENTITY_EVENTS.hashSeen ? (event as unknown as IDataObject) : undefined;
			const previous = this.memory.rememberIdentityHash(key, hash, this.now, seenIn);
			if (event.event !== IDENTITY_EVENTS.hashSeen || previous === undefined || previous === hash) continue;
			out.push({ ...event, event: IDENTITY_EVENTS.hashChanged, previousIdentityKeyHash: previous, value: deepCopy(event.value) });
		}
		return out;
	}
}

/**
 * The "hash changed" event of a change two processes each saw half of. Its `changeId` is
 * derived from the customer and the two hashes, the same in every process, so that when
 * several report it the claim lets one run.
 */
export function lateHashChange(change: LateIdentityChange): PhoneNumberEvent {
	const seen = change.event as unknown as PhoneNumberEvent;
	const transition = `${change.key} ${change.previousHash} ${seen.identityKeyHash ?? ''}`;
	const changeId = createHash('sha256').update(transition, 'utf8').digest('base64url').slice(0, 16);
	return { ...seen, event: IDENTITY_EVENTS.hashChanged, previousIdentityKeyHash: change.previousHash, changeId, value: deepCopy(seen.value) };
}
