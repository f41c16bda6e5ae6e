import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { businessIdParameter, businessIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { withNamedId } from '../../shared/outputs';
import { parameterOf, getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { e164Digits } from '../../shared/schemas';
import { computePreVerifiedLifecycle } from '../../shared/preVerifiedLifecycle';

const phoneNumberProperty: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +1 555 078 3881',
	description:
		'The number to add, with its country code. Any common formatting works (+1 (555) 078-3881, 1-555-078-3881); only the digits are sent.',
};

const phoneNumberParameter = parameterOf(phoneNumberProperty, e164Digits);

/**
 * Graph answers only `{id}`. The number was added just now and is not verified yet, so
 * its lifecycle is known: awaiting verification, dropped from the pool in 90 days.
 */
async function describeAddedNumber(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const now = new Date();
	const phoneNumber = getValidatedParameter(this, phoneNumberParameter);
	const lifecycle = computePreVerifiedLifecycle(
		{ codeVerificationStatus: 'NOT_VERIFIED', addedAt: now.toISOString() },
		now,
	);
	return items.map((item) => ({
		json: {
			...withNamedId(item.json, 'preVerifiedNumberId'),
			phone_number: phoneNumber,
			addedAt: now.toISOString(),
			lifecycle,
		},
	}));
}

export const option = graphOperation({
	name: 'Add',
	value: 'add',
	action: 'Add a number to the preverified pool',
	toolDescription:
		'Adds a phone number (with its country code, such as +1 631 555 0100) to the pre-verified pool; verify it next with a code.',
	description: 'Add a phone number to the pool; verify it next with Request Code and Verify Code',
	repeat: 'oneShotWrite',
	oneShotBecause: 'a repeat could add the number to the pool a second time',
	outcomeCheck: 'list the pool (Get Many, filter Phone Number) to see whether it was added before running it again',
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(businessIdParameter, '/add_phone_numbers'),
				sendValidated({ ...phoneNumberParameter, sendAs: { in: 'qs', property: 'phone_number' } }),
			],
		},
		output: { postReceive: [describeAddedNumber] },
	},
});

export const properties: INodeProperties[] = [businessIdLocator, phoneNumberProperty];
