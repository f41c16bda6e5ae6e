import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { wabaIdParameter, wabaIdLocator } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { MIGRATION_NEXT_STEPS, MIGRATION_PRECONDITIONS, migrationAdvice } from '../helpers/migration';
import { numberPartsProperties, sendNumberParts } from '../helpers/newNumberParts';

/** The flag that makes Meta move a registered number instead of adding a new one. */
async function sendMigrateFlag(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), migrate_phone_number: true } };
}

async function withNextSteps(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: { ...item.json, nextSteps: MIGRATION_NEXT_STEPS } }));
}

export const option = graphOperation({
	name: 'Migrate From Another WABA',
	value: 'migrateFromWaba',
	action: 'Migrate a phone number from another WhatsApp Business Account',
	toolDescription:
		'Moves a phone number from another WABA into this WABA (country code and number); the number must then be verified and registered again.',
	description:
		'Move a registered number from another WABA (another Solution Partner) into this one, keeping its name, quality and templates; verify and register it next',
	repeat: 'oneShotWrite',
	oneShotBecause: 'a repeat could start a second migration of the number',
	outcomeCheck:
		"list the destination WABA's numbers (Get Many, option Display Phone Number) to see whether the number arrived before running it again",
	adviceFor: migrationAdvice,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(wabaIdParameter, '/phone_numbers'), sendNumberParts(), sendMigrateFlag] },
		output: { postReceive: [namingGraphId('phoneNumberId'), withNextSteps] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName: `The number moves into the WhatsApp Business Account below. ${MIGRATION_PRECONDITIONS}`,
		name: 'migrateFromWabaNotice',
		type: 'notice',
		default: '',
	},
	wabaIdLocator,
	...numberPartsProperties,
];
