/**
 * Official Business Account (the blue badge): what Meta asks for in a request, and what
 * each status means for the user, said the same way by Apply and by the status read.
 */
import { z } from 'zod';

import { httpsUrl } from '../../shared/schemas';

/** Meta: a rejected number can ask again only 30 days after the rejection. */
export const REAPPLY_AFTER_REJECTION_DAYS = 30;

/**
 * Meta's OpenAPI description gives 5 to 10 supporting links when any are sent; WhatsApp
 * Manager's form asks for "up to 5". Five or more satisfies both readings.
 */
export const SUPPORTING_LINKS_MIN = 5;
export const SUPPORTING_LINKS_MAX = 10;
/** Meta's OpenAPI description: parent business or brand at most 255 characters. */
export const PARENT_BRAND_MAX_LENGTH = 255;
/** Meta's OpenAPI description: additional supporting information at most 1000 characters. */
export const ADDITIONAL_INFORMATION_MAX_LENGTH = 1000;

/** A required free-text answer (country, in Meta's example "United States of America"). */
export const requiredText = z.string().trim().min(1, 'must not be empty');

/** Optional free text up to a length; empty means "not sent". */
export function optionalText(maxLength: number) {
	return z
		.string()
		.trim()
		.max(maxLength, `must be at most ${maxLength} characters`)
		.transform((text) => text || undefined);
}

/**
 * Supporting links typed one per line (or separated by commas), or an array from an
 * expression; every one https, between the minimum and the maximum, none repeated. None
 * at all is allowed (Meta requires only the website and the country) and sends nothing.
 */
export const supportingLinks = z
	.union([z.string(), z.array(z.string())])
	.transform((value) => (Array.isArray(value) ? value : value.split(/[\n,]/)).map((link) => link.trim()).filter(Boolean))
	.superRefine((links, context) => {
		const notHttps = links.find((link) => !httpsUrl.safeParse(link).success);
		if (notHttps !== undefined) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: `must be https:// addresses; "${notHttps}" is not` });
		} else if (links.length > 0 && links.length < SUPPORTING_LINKS_MIN || links.length > SUPPORTING_LINKS_MAX) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `must hold ${SUPPORTING_LINKS_MIN} to ${SUPPORTING_LINKS_MAX} links; ${links.length} given`,
			});
		} else if (new Set(links).size !== links.length) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: 'must not repeat a link' });
		}
	})
	.transform((links) => (links.length ? links : undefined));

/** The statuses Meta documents for `official_business_account.oba_status`; others pass through. */
const STATUS_MEANING: Record<string, string> = {
	NOT_STARTED: 'No Official Business Account request was made for this number; send one with Apply for Official Business Account.',
	PENDING: 'Meta is reviewing the Official Business Account request; the decision is announced in WhatsApp Manager and shows here.',
	APPROVED: 'The number is an Official Business Account: its name shows with the blue badge.',
	REJECTED: `Meta rejected the Official Business Account request. A new request can be sent ${REAPPLY_AFTER_REJECTION_DAYS} days after the rejection, at the earliest; Meta's decisions cannot be appealed.`,
};

/** One line for a Slack message or an If node, for any status, known or not. */
export function obaStatusSummary(status: string | undefined): string {
	if (!status) return 'Meta did not return an Official Business Account status for this number.';
	return STATUS_MEANING[status] ?? `Meta returned the Official Business Account status ${status}.`;
}

/** What follows a request, in Apply's output and notice. */
export const OBA_NEXT_STEPS = `success: true means Meta received the request, not that it approved it. Meta reviews it; read the decision with Get Official Business Account Status (oba_status PENDING, APPROVED or REJECTED). After a rejection a new request can be sent only ${REAPPLY_AFTER_REJECTION_DAYS} days later.`;
