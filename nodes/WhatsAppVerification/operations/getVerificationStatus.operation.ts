import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { graphOperation } from '../../shared/graphOperation';
import { parseGraphTime } from '../../shared/graphTime';
import { taggedWith } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { chosenNumberIdParameter, chosenNumberIds, chosenNumberType, numberTargetProperties, type NumberType } from '../helpers/numberTarget';

/** Only a pre-verified number has a verification time and an expiry (90 days after it). */
const STATUS_FIELDS: Record<NumberType, string[]> = {
	phoneNumber: ['code_verification_status'],
	preVerifiedNumber: ['code_verification_status', 'code_verification_time', 'verification_expiry_time'],
};

async function askForStatusFields(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = STATUS_FIELDS[chosenNumberType(this)].join(',');
	return { ...requestOptions, qs: { ...requestOptions.qs, fields } };
}

/** Graph's `+0000` times as ISO strings, so Date nodes and expressions read them directly. */
function isoTime(value: IDataObject[string]): IDataObject[string] {
	return parseGraphTime(value)?.toISOString() ?? value;
}

const OUTPUT_NAMES: Record<string, { name: string; convert?: (value: IDataObject[string]) => IDataObject[string] }> = {
	code_verification_status: { name: 'codeVerificationStatus' },
	code_verification_time: { name: 'codeVerificationTime', convert: isoTime },
	verification_expiry_time: { name: 'verificationExpiryTime', convert: isoTime },
};

/** Graph's fields as sent, and beside them the same names as Verify Code's output (times as ISO). */
function toStatusOutput(graphNumber: IDataObject): IDataObject {
	const ours = Object.entries(graphNumber).flatMap(([field, value]) => {
		const output = OUTPUT_NAMES[field];
		return output ? [[output.name, output.convert ? output.convert(value) : value]] : [];
	});
	return { ...graphNumber, ...Object.fromEntries(ours) };
}

async function outputStatus(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ json: toStatusOutput(item.json) }));
}

export const option = graphOperation({
	name: 'Get Verification Status',
	value: 'getVerificationStatus',
	action: 'Get the verification status of a number',
	toolDescription:
		'Reads whether a phone number\'s ownership is verified (code verification status), by phone-number ID.',
	description:
		'Read whether the number is verified (and, for a pre-verified number, when it was verified and when that expires)',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [askForStatusFields, sendToGraphObject(chosenNumberIdParameter)] },
		output: { postReceive: [outputStatus, taggedWith(chosenNumberIds)] },
	},
});

export const properties: INodeProperties[] = numberTargetProperties;
