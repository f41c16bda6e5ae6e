import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { phoneNumberAsWritten } from './phoneNumberText';
import { lifecycleOfPreVerifiedNumber, type PreVerifiedLifecycle } from './preVerifiedLifecycle';
import { idFromAnswer, isGraphId } from './graphIds';
import { graphApiList } from './transport';

/** How many entries a list in the editor fetches before the user narrows it by typing. */
const LIST_SEARCH_LIMIT = 500;

/** Whether any text contains the filter, or (from 3 digits) its digits. */
export function matches(filter: string | undefined, ...texts: Array<unknown>): boolean {
	if (!filter) return true;
	const wanted = filter.toLowerCase();
	const wantedDigits = filter.replace(/\D/g, '');
	return texts.some((text) => {
		const value = String(text ?? '');
		return (
			value.toLowerCase().includes(wanted) ||
			(wantedDigits.length >= 3 && value.replace(/\D/g, '').includes(wantedDigits))
		);
	});
}

/** The Graph object ID another parameter of the node holds, or '' while unset; it goes into the list's path. */
export function currentGraphObjectId(context: ILoadOptionsFunctions, parameter: string): string {
	let value: string;
	try {
		value = String(context.getCurrentNodeParameter(parameter, { extractValue: true }) ?? '').trim();
	} catch {
		return '';
	}
	if (!value || isGraphId('graphObject', value)) return value;
	throw new NodeOperationError(context.getNode(), `The "${parameter}" field holds "${value}", which is not a numeric Graph ID`, {
		description: 'Pick it From List, or enter its ID By ID (digits only), to fill this list.',
	});
}

/** Business portfolios the token's system user can see. */
export async function searchBusinesses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const businesses = await graphApiList.call(this, '/me/businesses', { fields: 'id,name' }, { maxResults: LIST_SEARCH_LIMIT });
	return {
		results: businesses
			.filter((business) => matches(filter, business.name, business.id))
			.map((business) => ({ name: `${String(business.name ?? business.id)}`, value: String(business.id) })),
	};
}

/**
 * WhatsApp Business Accounts, owned and shared with the business (client WABAs). Uses the
 * node's Business Portfolio when it has one, otherwise every business of the token.
 */
export async function searchWhatsAppBusinessAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const chosenBusiness = currentGraphObjectId(this, 'businessId');
	const businessIds = chosenBusiness
		? [chosenBusiness]
		: (await graphApiList.call(this, '/me/businesses', { fields: 'id' }, { maxResults: LIST_SEARCH_LIMIT })).map(
				(business) => idFromAnswer(this.getNode(), 'graphObject', business.id, "Meta's list of your business portfolios"),
			);
	const accounts = new Map<string, INodeListSearchItems>();
	for (const businessId of businessIds) {
		for (const edge of ['owned_whatsapp_business_accounts', 'client_whatsapp_business_accounts']) {
			const wabas = await graphApiList.call(this, `/${businessId}/${edge}`, { fields: 'id,name' }, {
				maxResults: LIST_SEARCH_LIMIT,
			});
			for (const waba of wabas) {
				if (!matches(filter, waba.name, waba.id)) continue;
				// The value fills other lists' paths (searchPhoneNumbersOfAllWabas).
				idFromAnswer(this.getNode(), 'graphObject', waba.id, `the WABAs Meta listed for business portfolio ${businessId}`);
				const label = edge.startsWith('client') ? ' (client)' : '';
				accounts.set(String(waba.id), { name: `${String(waba.name ?? waba.id)}${label}`, value: String(waba.id) });
			}
		}
	}
	return { results: [...accounts.values()] };
}

/** The numbers of one WABA as list entries, `display_phone_number — verified_name`. */
async function phoneNumbersOf(context: ILoadOptionsFunctions, wabaId: string, filter?: string): Promise<INodeListSearchItems[]> {
	const numbers = await graphApiList.call(context, `/${wabaId}/phone_numbers`, {
		fields: 'id,display_phone_number,verified_name',
	}, { maxResults: LIST_SEARCH_LIMIT });
	return numbers
		.filter((number) => matches(filter, number.display_phone_number, number.verified_name, number.id))
		.map((number) => ({
			name: `${String(number.display_phone_number ?? number.id)} — ${String(number.verified_name ?? 'no display name')}`,
			value: String(number.id),
		}));
}

/** Phone numbers of the WABA chosen in the node, shown as `display_phone_number — verified_name`. */
export async function searchPhoneNumbers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wabaId = currentGraphObjectId(this, 'wabaId');
	if (!wabaId) {
		throw new NodeOperationError(this.getNode(), 'Choose a WhatsApp Business Account first', {
			description:
				'The list of phone numbers comes from a WhatsApp Business Account. Pick one in "WhatsApp Business Account", or enter the phone-number ID "By ID".',
		});
	}
	return { results: await phoneNumbersOf(this, wabaId, filter) };
}

/** Phone numbers of every WABA the token sees (for nodes that pick numbers without a WABA field). */
export async function searchPhoneNumbersOfAllWabas(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wabas = (await searchWhatsAppBusinessAccounts.call(this)).results;
	const results: INodeListSearchItems[] = [];
	for (const waba of wabas) {
		for (const number of await phoneNumbersOf(this, String(waba.value), filter)) {
			results.push({ ...number, name: `${number.name} (${waba.name})` });
		}
	}
	return { results };
}

/** Pre-verified numbers of the business portfolio chosen in the node. */
export async function searchPreVerifiedNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const businessId = currentGraphObjectId(this, 'businessId');
	if (!businessId) {
		throw new NodeOperationError(this.getNode(), 'Choose a Business Portfolio first', {
			description:
				'Pre-verified numbers belong to a business portfolio. Pick one in "Business Portfolio", or enter the pre-verified number ID "By ID".',
		});
	}
	const numbers = await graphApiList.call(this, `/${businessId}/preverified_numbers`, {
		fields: 'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time',
	}, { maxResults: LIST_SEARCH_LIMIT });
	const now = new Date();
	return {
		results: numbers
			.filter((number) => matches(filter, number.phone_number, number.id))
			.map((number) => ({
				name: `${phoneNumberAsWritten(String(number.phone_number ?? number.id))} — ${whatComesNext(lifecycleOfPreVerifiedNumber(number, now))}`,
				value: String(number.id),
			})),
	};
}

/** A pool number's state and what matters next, in a few words: `verified, 12 days left`. */
export function whatComesNext(lifecycle: PreVerifiedLifecycle): string {
	const days = lifecycle.daysUntilExpiry;
	const left = days === null ? '' : days > 0 ? `, ${days} ${days === 1 ? 'day' : 'days'} left` : ', expires today';
	switch (lifecycle.state) {
		case 'verified':
			return `verified${left}`;
		case 're-verification window open':
			return `verified${left}, re-verify now`;
		case 'lapsed':
			return 'lapsed, needs a new code';
		case 'awaiting verification':
			return 'not verified, needs a code';
		default:
			return 'status unknown';
	}
}

/** The `methods.listSearch` block every node registers. */
export const listSearch = {
	searchBusinesses,
	searchWhatsAppBusinessAccounts,
	searchPhoneNumbers,
	searchPhoneNumbersOfAllWabas,
	searchPreVerifiedNumbers,
};
