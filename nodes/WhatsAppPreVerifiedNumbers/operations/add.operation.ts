import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessIdField, businessIdLocator } from '../../shared/descriptions';
import { computePreVerifiedLifecycle } from '../../shared/lifecycle';
import { e164Digits, getValidatedParameter, sendToGraphObject, sendValidated } from '../../shared/validation';
import type { ValidatedParameter } from '../../shared/validation';

const phoneNumberField: ValidatedParameter<string> = {
	parameter: 'phoneNumber',
	label: 'Phone Number',
	schema: e164Digits,
};

/**
 * Graph answers only `{id}`. The number was added just now and is not verified yet, so
 * its lifecycle is known: awaiting verification, dropped from the pool in 90 days.
 */
async function describeAddedNumber(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	const phoneNumber = getValidatedParameter(this, phoneNumberField);
	const lifecycle = computePreVerifiedLifecycle(
		{ codeVerificationStatus: 'NOT_VERIFIED', addedAt: now.toISOString() },
		now,
	);
	return items.map((item) => ({
		json: {
			...item.json,
			preVerifiedNumberId: String(item.json.id),
			phone_number: phoneNumber,
			addedAt: now.toISOString(),
			lifecycle,
		},
	}));
}

export const routing: INodePropertyRouting = {
	request: { method: 'POST' },
	send: {
		preSend: [
			sendToGraphObject(businessIdField, '/add_phone_numbers'),
			sendValidated({ ...phoneNumberField, sendAs: { in: 'qs', property: 'phone_number' } }),
		],
	},
	output: { postReceive: [describeAddedNumber] },
};

const properties: INodeProperties[] = [
	businessIdLocator,
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +1 555 078 3881',
		description:
			'The number to add, with its country code. Any common formatting works (+1 (555) 078-3881, 1-555-078-3881); only the digits are sent.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['add'] } }, properties);
