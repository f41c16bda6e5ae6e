import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { DATA_LOCALIZATION_REGIONS, dataLocalizationRegion } from '../../shared/dataLocalization';
import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { parameterOf, getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject } from '../../shared/requestSteps';
import { localStorageAdvice, localStorageNotice } from '../helpers/localStorage';

const localStorageProperty: INodeProperties = {
	displayName: 'Local Storage',
	name: 'localStorage',
	type: 'options',
	default: 'enabled',
	options: [
		{ name: 'On', value: 'enabled', description: 'Keep message data at rest only in the region below' },
		{ name: 'Off', value: 'disabled', description: "Meta's default storage" },
	],
	description: 'Whether message data at rest stays in one region',
};

const regionProperty: INodeProperties = {
	displayName: 'Data Localization Region',
	name: 'dataLocalizationRegion',
	type: 'options',
	default: 'DE',
	required: true,
	options: DATA_LOCALIZATION_REGIONS,
	description: 'Where Meta keeps the message data at rest',
	displayOptions: { show: { localStorage: ['enabled'] } },
};

const regionParameter = parameterOf(regionProperty, dataLocalizationRegion);
const localStorageParameter = parameterOf(
	localStorageProperty,
	z.enum(['enabled', 'disabled'], { errorMap: () => ({ message: 'must be enabled (On) or disabled (Off)' }) }),
);

function storageEnabled(context: IExecuteSingleFunctions): boolean {
	return getValidatedParameter(context, localStorageParameter) === 'enabled';
}

/**
 * Meta's local-storage guide turns storage on with IN_COUNTRY_STORAGE_ENABLED and a region,
 * and off with IN_COUNTRY_STORAGE_DISABLED (a GET then reads DEFAULT).
 */
async function sendStorageConfiguration(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const storage_configuration: IDataObject = storageEnabled(this)
			? { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: getValidatedParameter(this, regionParameter) }
			: { status: 'IN_COUNTRY_STORAGE_DISABLED' };
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), storage_configuration } };
}

async function reportLocalStorage(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const enabled = storageEnabled(this);
	return items.map((item) => ({
		json: {
			success: item.json.success === true,
			localStorageEnabled: enabled,
			dataLocalizationRegion: enabled ? getValidatedParameter(this, regionParameter) : null,
		},
	}));
}

export const option = graphOperation({
	name: 'Set Local Storage',
	value: 'setLocalStorage',
	action: 'Set the local storage of a phone number',
	toolDescription: 'Turns a phone number\'s local storage on or off, and sets its region (by phone-number ID).',
	description: 'Keep message data at rest in one region, or return to Meta\'s default storage (number not registered)',
	// Setting the same storage twice leaves the same storage.
	repeat: 'idempotentWrite',
	outcomeCheck: 'read it with Get Local Storage',
	adviceFor: localStorageAdvice,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings'), sendStorageConfiguration] },
		output: { postReceive: [reportLocalStorage, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [
	localStorageNotice,
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	localStorageProperty,
	regionProperty,
];
