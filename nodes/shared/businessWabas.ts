/**
 * The WABAs of a business portfolio come from two Graph edges: the WABAs it owns and the
 * client WABAs shared with it (On-Behalf-Of). The WhatsApp Business Accounts node lists
 * them; the Phone Numbers node reads every number of each.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { idFromAnswer } from './graphIds';
import type { GraphClient } from './transport';

export type Relation = 'owned' | 'client';
export type Ownership = 'both' | Relation;

export const WABA_EDGES: Record<Relation, string> = {
	owned: 'owned_whatsapp_business_accounts',
	client: 'client_whatsapp_business_accounts',
};

export const ownershipProperty: INodeProperties = {
	displayName: 'Ownership',
	name: 'ownership',
	type: 'options',
	default: 'both',
	description: 'Which WABAs of the business portfolio to list; each item says which kind it is in "relation"',
	options: [
		{ name: 'Owned and Client', value: 'both', description: 'Owned WABAs first, then client WABAs' },
		{ name: 'Owned', value: 'owned', description: 'WABAs the business portfolio owns' },
		{ name: 'Client', value: 'client', description: "Clients' WABAs shared with the business portfolio (On-Behalf-Of)" },
	],
};

/** A WABA as a business portfolio lists it, with how the portfolio holds it. */
export type BusinessWaba = IDataObject & { id: string; relation: Relation };

/**
 * Every WABA of the business portfolio, owned first, then client WABAs, 100 a page; a WABA
 * listed on both edges is kept once, as owned.
 */
export async function listBusinessWabas(
	graph: GraphClient,
	businessId: string,
	ownership: Ownership,
	fields: string,
): Promise<BusinessWaba[]> {
	const relations: Relation[] = ownership === 'both' ? ['owned', 'client'] : [ownership];
	const wabas = new Map<string, BusinessWaba>();
	for (const relation of relations) {
		for (const waba of await graph.list(`/${businessId}/${WABA_EDGES[relation]}`, { fields })) {
			// Each WABA's ID goes into the path of the next reads (its phone numbers).
			const id = idFromAnswer(graph.node, 'graphObject', waba.id, `the ${relation} WABAs Meta listed for business portfolio ${businessId}`);
			if (!wabas.has(id)) wabas.set(id, { ...waba, id, relation });
		}
	}
	return [...wabas.values()];
}
