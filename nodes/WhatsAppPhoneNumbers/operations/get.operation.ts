import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { DEFAULT_PHONE_NUMBER_FIELDS, PHONE_NUMBER_FIELDS, phoneNumberIdLocator } from '../../shared/descriptions';
import { graphObjectId, sendValidated } from '../../shared/validation';

export const getRouting = {
	request: {
		method: 'GET' as const,
		url: '=/{{$parameter.phoneNumberId}}',
		qs: { fields: '={{ ($parameter.options.fields ?? []).length ? $parameter.options.fields.join(",") : "' + DEFAULT_PHONE_NUMBER_FIELDS.join(',') + '" }}' },
	},
	send: {
		preSend: [
			sendValidated({ parameter: 'phoneNumberId', label: 'Phone Number', schema: graphObjectId, extractValue: true }),
		],
	},
};

const properties: INodeProperties[] = [
	phoneNumberIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				default: [],
				description: 'Fields to return. Leave empty for the usual set (status, quality, verification, name status, throughput).',
				options: PHONE_NUMBER_FIELDS.map((field) => ({ name: field, value: field })),
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);
