/**
 * The display name in both places a user writes one: a new number (Create, Create From
 * Pre-Verified Number) and a change of an existing number's name (Change Display Name).
 */
import { z } from 'zod';

/**
 * Meta's developer documentation gives no maximum; partner APIs that pass the name to Meta
 * accept up to 512 characters, so longer is refused here rather than by Meta after a call.
 * Meta's naming guidelines (at least 3 characters, no emoji…) allow exceptions for existing
 * branding, so they are left to Meta's review.
 */
export const DISPLAY_NAME_MAX_LENGTH = 512;

/** A display name Meta will review: not empty, not longer than Meta accepts. */
export const displayName = z
	.string()
	.trim()
	.min(1, 'must not be empty')
	.max(DISPLAY_NAME_MAX_LENGTH, `must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);

/** Meta: a number's display name can be changed 10 times in 30 days. */
export const DISPLAY_NAME_CHANGES_PER_30_DAYS = 10;
/** Meta: after a change is approved, the number must be registered again within 14 days. */
export const REREGISTER_AFTER_APPROVAL_DAYS = 14;

/** What follows a display-name change, said the same way by Change Display Name and by the status read. */
export const DISPLAY_NAME_CHANGE_STEPS = {
	underReview:
		"Meta reviews the new name; the phone_number_name_update webhook (WhatsApp Phone Number Trigger) announces the decision, and Get Display Name Status & Certificate shows it as new_name_status.",
	afterApproval: `Once it is approved, register the number again (Register) within ${REREGISTER_AFTER_APPROVAL_DAYS} days so the new name takes effect; after that it must be reviewed again. Register and Deregister share Meta's limit of 10 calls per number in 72 hours.`,
	declined: 'Meta declined the new name: follow Meta\'s display name guidelines and change it again (Change Display Name), or appeal through Meta support.',
	expired: `The approved name was not registered within ${REREGISTER_AFTER_APPROVAL_DAYS} days; change the display name again to have it reviewed again.`,
} as const;
