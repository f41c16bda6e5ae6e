import type { INode } from 'n8n-workflow';
import { z } from 'zod';

import { parseParameter } from '../shared/parameters';
import { graphObjectId } from '../shared/schemas';
import type { PhoneNumberEvent } from './events';

/** What the user narrowed the trigger to; an empty list lets everything through. */
export interface EventFilters {
	wabaIds: string[];
	/** Business numbers and phone-number IDs, as digits only. */
	businessNumbers: string[];
	/** Event names in lower case. */
	eventNames: string[];
}

function listOf(text: string): string[] {
	return text
		.split(/[,;\n]/)
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The WABAs of the "WhatsApp Business Accounts" list, one ID each. */
const wabaLocatorList = z.array(graphObjectId);

/** Phone numbers in any formatting (`+1 (631) 555-1234`) or phone-number IDs, as digits. */
const businessNumberList = z
	.string()
	.transform(listOf)
	.pipe(
		z.array(
			z
				.string()
				.regex(/^\+?[\d\s().-]+$/, 'must list phone numbers (digits, spaces, +, -, ( and )) or phone-number IDs')
				.transform((entry) => entry.replace(/\D/g, '')),
		),
	);

/** Comma-separated event names such as FLAGGED or identity_key_hash_changed. */
const eventNameList = z
	.string()
	.transform(listOf)
	.pipe(z.array(z.string().regex(/^[\w.-]+$/, 'must list event names such as FLAGGED or identity_key_hash_changed')))
	.transform((names) => names.map((name) => name.toLowerCase()));

export interface RawFilters {
	/** The IDs of the WABA list. */
	wabaIds: unknown;
	businessNumbers: unknown;
	eventNames: unknown;
}

/** The list of WABAs, as its own field so errors name it. */
const WABA_LIST_PARAMETER = {
	parameter: 'wabas',
	label: 'WhatsApp Business Accounts',
	schema: wabaLocatorList,
	hint: 'Pick each WABA From List, or enter its numeric ID By ID (WhatsApp Manager → Account tools), such as 102290129340398.',
};

/** Validates the filter fields, naming the field and the fix when one is wrong. */
export function parseFilters(node: INode, raw: RawFilters): EventFilters {
	const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));
	return {
		wabaIds: parseParameter(node, WABA_LIST_PARAMETER, raw.wabaIds),
		businessNumbers: parseParameter(
			node,
			{
				parameter: 'businessNumbers',
				label: 'Business Phone Numbers',
				schema: businessNumberList,
				hint: 'Separate entries with commas, such as +1 631-555-1234, 106540352242922.',
			},
			asText(raw.businessNumbers),
		),
		eventNames: parseParameter(
			node,
			{
				parameter: 'eventNames',
				label: 'Event Names',
				schema: eventNameList,
				hint: 'Separate names with commas, such as FLAGGED, DOWNGRADE, identity_key_hash_changed.',
			},
			asText(raw.eventNames),
		),
	};
}

/**
 * The WABA and business-number filters. The WABA filter matches the WABA an event is about,
 * which for partner events is the client's WABA, not the portfolio they are addressed to.
 * Events about the whole account (capability, templates, most account updates) name no
 * business number and are kept by the number filter; the WABA filter narrows those.
 */
export function matchesSource(event: PhoneNumberEvent, filters: EventFilters): boolean {
	if (filters.wabaIds.length && !filters.wabaIds.includes(event.wabaId ?? '')) return false;
	if (!filters.businessNumbers.length) return true;
	const displayDigits = event.displayPhoneNumber?.replace(/\D/g, '');
	if (!displayDigits && !event.phoneNumberId) return true;
	return filters.businessNumbers.some((entry) => entry === displayDigits || entry === event.phoneNumberId);
}

export function matchesEventName(event: PhoneNumberEvent, filters: EventFilters): boolean {
	return !filters.eventNames.length || filters.eventNames.includes(event.event.toLowerCase());
}
