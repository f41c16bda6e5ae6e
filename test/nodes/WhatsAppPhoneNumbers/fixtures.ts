/** Values shared by the WhatsApp Phone Numbers tests. */
import type { IDataObject } from 'n8n-workflow';

export const NODE_TYPE = 'whatsAppPhoneNumbers';
export const WABA_ID = '102290129340398';
export const PHONE_NUMBER_ID = '106540352242922';

/** What the node asks for when the user picks no fields. */
export const DEFAULT_FIELDS =
	'id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,throughput,platform_type,is_on_biz_app,whatsapp_business_manager_messaging_limit,last_onboarded_time,account_mode,is_preverified_number';

/** A resource locator value entered "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

const DAY_MS = 86_400_000;

/** A time as Graph writes it (`2023-04-14T22:12:31+0000`), `daysAgo` before now. */
export function graphTimeDaysAgo(daysAgo: number): { graphTime: string; date: Date } {
	const date = new Date(Math.floor((Date.now() - daysAgo * DAY_MS) / 1000) * 1000);
	return { graphTime: date.toISOString().replace(/\.\d{3}Z$/, '+0000'), date };
}

export function addDaysIso(date: Date, days: number): string {
	return new Date(date.getTime() + days * DAY_MS).toISOString();
}

/** The n-th connected number of a WABA. */
export function connectedNumber(index: number): IDataObject {
	return {
		id: String(200000000000000 + index),
		display_phone_number: `+1 631-555-${String(index).padStart(4, '0')}`,
		verified_name: `Jasper Market ${index}`,
		status: 'CONNECTED',
		quality_rating: 'GREEN',
	};
}

export function numbersFrom(first: number, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, offset) => connectedNumber(first + offset));
}

/**
 * A Graph list page with an `after` cursor. Graph marks a further page with
 * `paging.next`; the last page keeps its cursor but has no `next`.
 */
export function graphPage(data: IDataObject[], after: string, { last = false } = {}) {
	const paging: IDataObject = { cursors: { before: `before-${after}`, after } };
	if (!last) paging.next = `https://graph.facebook.com/v24.0/${WABA_ID}/phone_numbers?limit=100&after=${after}`;
	return { data, paging };
}

/** A number as the node outputs it: Graph's object, its `id` also named `phoneNumberId`. */
export function asOutput(number: IDataObject): IDataObject {
	return { ...number, phoneNumberId: number.id };
}
