import type { INodeProperties } from 'n8n-workflow';

import { businessIdLocator, returnAllOrLimit } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { ownershipProperty } from '../../shared/businessWabas';
import { addClientWabas, markFirstRelation, sendToWabaEdge } from '../helpers/ownership';
import { wabaFieldOptions } from '../helpers/wabaFields';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many WhatsApp Business Accounts',
	toolDescription:
		'Lists the WhatsApp Business Accounts of a business portfolio (business ID, digits), owned and shared by clients, with their IDs and names. Use it to find a WABA ID from a name.',
	description:
		'List the WhatsApp Business Accounts of a business portfolio, owned and shared by clients, each marked with its relation',
	repeat: 'read',
	list: true,
	finish: addClientWabas,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToWabaEdge] },
		output: { postReceive: [markFirstRelation] },
	},
});

export const properties: INodeProperties[] = [
	{
		...businessIdLocator,
		description: 'The business portfolio (Business Manager) whose WhatsApp Business Accounts to list',
	},
	ownershipProperty,
	...returnAllOrLimit,
	fieldOptionsCollection(wabaFieldOptions),
];
