import type { INodeProperties } from 'n8n-workflow';

import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { sendToGraphObject } from '../../shared/requestSteps';
import { outputWabas, sendWabaFields, wabaFieldOptions } from '../helpers/wabaFields';

export const option = graphOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a WhatsApp Business Account',
	toolDescription:
		'Reads one WhatsApp Business Account by its WABA ID (digits): name, review status, currency, time zone, owner.',
	description:
		'Read one WhatsApp Business Account: name, currency, timezone, review and business verification status, and messaging health',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(wabaIdParameter), sendWabaFields] },
		output: { postReceive: [outputWabas] },
	},
});

export const properties: INodeProperties[] = [
	{
		...wabaIdLocator,
		description: 'The WhatsApp Business Account (WABA) to read. "From List" shows the WABAs of every business portfolio the token can see.',
	},
	fieldOptionsCollection(wabaFieldOptions),
];
