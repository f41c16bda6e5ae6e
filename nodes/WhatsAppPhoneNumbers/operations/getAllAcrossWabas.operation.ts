import type { INodeProperties } from 'n8n-workflow';

import { ownershipProperty } from '../../shared/businessWabas';
import { businessIdParameter, businessIdLocator, returnAllOrLimit } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { sendValidated } from '../../shared/requestSteps';
import {
	chosenWabasProperty,
	stopOnFirstWabaErrorOption,
	stopsOnFirstWabaError,
	WABA_CONCURRENCY,
	wabasToRead,
	wabaSelectionProperty,
} from '../helpers/acrossWabas';
import { PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION, phoneNumberListOptions } from '../helpers/listFilters';
import { phoneNumberOutput, sendPhoneNumberFields } from '../helpers/phoneNumberFields';

export const option = graphOperation({
	name: 'Get Many Across WABAs',
	value: 'getAllAcrossWabas',
	action: 'Get many phone numbers across WABAs',
	toolDescription:
		'Lists the phone numbers of every WABA of a business portfolio (business ID, digits), each row with its WABA ID and name, status, quality rating and registration deadline. Use it for questions about the whole fleet; a WABA that cannot be read gives one row with its error.',
	description:
		'List the phone numbers of every WABA of a business portfolio (owned and client), each with its WABA and the business portfolio whose messaging limit it shares',
	repeat: 'read',
	list: true,
	across: { parents: wabasToRead, stopOnFirstError: stopsOnFirstWabaError, concurrency: WABA_CONCURRENCY },
	routing: {
		request: { method: 'GET' },
		// The query of every WABA's list; the runner points it at each WABA.
		send: { preSend: [sendValidated(businessIdParameter), sendPhoneNumberFields] },
		output: { postReceive: phoneNumberOutput },
	},
});

export const properties: INodeProperties[] = [
	{
		...businessIdLocator,
		description: 'The business portfolio (Business Manager) whose WABAs to read the phone numbers of',
	},
	ownershipProperty,
	wabaSelectionProperty,
	chosenWabasProperty,
	...returnAllOrLimit,
	fieldOptionsCollection([...phoneNumberListOptions, stopOnFirstWabaErrorOption], PHONE_NUMBER_LIST_OPTIONS_DESCRIPTION),
];
