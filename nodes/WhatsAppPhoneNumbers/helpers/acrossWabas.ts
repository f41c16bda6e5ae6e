/**
 * Get Many Across WABAs: the WABAs of a business portfolio (all of them, or the ones the
 * user chose), each becoming one parent the Graph runner lists the phone numbers of.
 */
import type { IDataObject, IExecutePaginationFunctions, ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { listBusinessWabas, type BusinessWaba, type Ownership } from '../../shared/businessWabas';
import { businessIdParameter } from '../../shared/descriptions';
import { isGraphId } from '../../shared/graphIds';
import type { ListParent } from '../../shared/graphOperation';
import { searchWhatsAppBusinessAccounts } from '../../shared/listSearch';
import { getValidatedParameter, type ValidatedParameter } from '../../shared/parameters';
import type { GraphClient } from '../../shared/transport';

/** WABAs read at the same time: enough to finish 25 WABAs in a few rounds, few enough for Meta's per-app limits. */
export const WABA_CONCURRENCY = 4;

export const wabaSelectionProperty: INodeProperties = {
	displayName: 'WABAs',
	name: 'wabaSelection',
	type: 'options',
	default: 'all',
	description: 'Read the numbers of every WABA of the business portfolio, or only of some',
	options: [
		{ name: 'All', value: 'all', description: 'Every WABA the Ownership setting takes in' },
		{ name: 'Chosen', value: 'chosen', description: 'Only the WABAs chosen below' },
	],
};

export const chosenWabasProperty: INodeProperties = {
	displayName: 'WABA Names or IDs',
	name: 'wabaIds',
	type: 'multiOptions',
	default: [],
	required: true,
	typeOptions: { loadOptionsMethod: 'getBusinessWabas', loadOptionsDependsOn: ['businessId.value'] },
	displayOptions: { show: { wabaSelection: ['chosen'] } },
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const stopOnFirstWabaErrorOption: INodeProperties = {
	displayName: 'Stop on First WABA Error',
	name: 'stopOnFirstWabaError',
	type: 'boolean',
	default: false,
	description:
		'Whether a WABA whose numbers cannot be read (access revoked, for example) stops the node. Off: that WABA gives one item with "error" and the other WABAs still come out.',
};

/** Chosen WABA IDs, as picked from the list, an array or a comma-separated text from an expression. */
const wabaIdList = z
	.union([z.array(z.union([z.string(), z.number()])), z.string()])
	.transform((value) => (Array.isArray(value) ? value.map(String) : value.split(',')).map((id) => id.trim()).filter((id) => id !== ''))
	.refine((ids) => ids.length > 0, { message: 'is empty: choose at least one WABA' })
	.refine((ids) => ids.every((id) => isGraphId('graphObject', id)), { message: 'must be numeric WABA IDs, such as 102290129340398' });

const chosenWabasParameter: ValidatedParameter<string[]> = {
	parameter: 'wabaIds',
	label: 'WABA Names or IDs',
	schema: wabaIdList,
	hint: 'Pick the WABAs from the list, or give their IDs separated by commas; WhatsApp Manager → Account tools shows each ID.',
};

function wabaLabel(id: string, name: unknown): string {
	return name === undefined || name === null ? `WABA ${id}` : `WABA "${String(name)}" (${id})`;
}

/**
 * The business portfolio that owns the WABA, whose messaging limit its numbers share: the
 * WABA's `owner_business_info` (a client's portfolio for a client WABA), else the portfolio
 * read for an owned WABA. Its ID is checked before it is used, like any ID from an answer.
 */
function portfolioOf(waba: BusinessWaba, businessId: string): { portfolioId: string | null; portfolioName: string | null } {
	const owner = (waba.owner_business_info ?? {}) as IDataObject;
	const ownerId = owner.id === undefined ? undefined : String(owner.id);
	if (ownerId && /^\d+$/.test(ownerId)) return { portfolioId: ownerId, portfolioName: owner.name === undefined ? null : String(owner.name) };
	return { portfolioId: waba.relation === 'owned' ? businessId : null, portfolioName: null };
}

function parentOf(waba: BusinessWaba, businessId: string): ListParent {
	const wabaName = waba.name === undefined ? null : String(waba.name);
	return {
		url: `/${waba.id}/phone_numbers`,
		tag: { wabaId: waba.id, wabaName, relation: waba.relation, businessId, ...portfolioOf(waba, businessId) },
		label: wabaLabel(waba.id, wabaName ?? undefined),
	};
}

/**
 * The WABAs to read, in the order of the portfolio's lists (owned first). A chosen WABA the
 * portfolio does not list becomes a parent that reports why instead of a call that fails.
 */
export async function wabasToRead(this: IExecutePaginationFunctions, graph: GraphClient): Promise<ListParent[]> {
	const businessId = getValidatedParameter(this, businessIdParameter);
	const chosen = this.getNodeParameter('wabaSelection', 'all') === 'chosen' ? getValidatedParameter(this, chosenWabasParameter) : undefined;
	const ownership = this.getNodeParameter('ownership', 'both') as Ownership;
	const wabas = await listBusinessWabas(graph, businessId, ownership, 'id,name,owner_business_info');
	if (!chosen) return wabas.map((waba) => parentOf(waba, businessId));
	const listed = new Map(wabas.map((waba) => [waba.id, waba]));
	return [...new Set(chosen)].map((id): ListParent => {
		const waba = listed.get(id);
		if (waba) return parentOf(waba, businessId);
		return {
			url: `/${id}/phone_numbers`,
			tag: { wabaId: id, wabaName: null, relation: null, businessId, portfolioId: null, portfolioName: null },
			label: wabaLabel(id, undefined),
			unavailable: {
				message: `Business portfolio ${businessId} has no ${ownership === 'both' ? '' : `${ownership} `}WABA with this ID`,
				description: `Check the WABA ID, or set Ownership to "Owned and Client" if it is a client's WABA shared with the portfolio. The other WABAs were read.`,
			},
		};
	});
}

export function stopsOnFirstWabaError(this: IExecutePaginationFunctions): boolean {
	return (this.getNodeParameter('options', {}) as IDataObject).stopOnFirstWabaError === true;
}

/** `loadOptions` for the chosen WABAs: the portfolio's owned and client WABAs. */
export async function getBusinessWabas(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { results } = await searchWhatsAppBusinessAccounts.call(this);
	return results.map(({ name, value }) => ({ name, value }));
}
