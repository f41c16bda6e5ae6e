import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import {
	businessIdLocator,
	phoneNumberIdLocator,
	preVerifiedNumberIdLocator,
	wabaIdLocator,
} from '../shared/descriptions';
import type { NumberIdOutput } from '../shared/oneTimeCode';
import { getValidatedParameter, graphObjectId } from '../shared/validation';

export type NumberType = 'phoneNumber' | 'preVerifiedNumber';

/**
 * Request Code, Verify Code and the status read take the same ID whether it names a
 * business phone number or a pre-verified number, so one switch picks which locator shows.
 */
const numberTypeProperty: INodeProperties = {
	displayName: 'Number Type',
	name: 'numberType',
	type: 'options',
	noDataExpression: true,
	default: 'phoneNumber',
	description: 'Whether the number is already a business phone number of a WABA, or still in the pre-verified pool of a business portfolio',
	options: [
		{
			name: 'Business Phone Number',
			value: 'phoneNumber',
			description: 'A number added to a WhatsApp Business Account, identified by its phone-number ID',
		},
		{
			name: 'Pre-Verified Number',
			value: 'preVerifiedNumber',
			description: 'A number in the pre-verified pool of a business portfolio, identified by its pre-verified ID',
		},
	],
};

/**
 * The WABA and the business portfolio are read only by the "From List" searches, never sent,
 * so they show only while the number is picked from a list, and a run never requires them.
 */
const wabaForPhoneNumberList: INodeProperties = {
	...wabaIdLocator,
	required: false,
	description:
		'The WhatsApp Business Account whose numbers "Phone Number → From List" shows. Only used to fill that list; not needed when you enter the ID.',
	displayOptions: { show: { numberType: ['phoneNumber'], '/phoneNumberId.mode': ['list'] } },
};

const businessForPreVerifiedList: INodeProperties = {
	...businessIdLocator,
	required: false,
	description:
		'The business portfolio whose pool "Pre-Verified Number → From List" shows. Only used to fill that list; not needed when you enter the ID.',
	displayOptions: { show: { numberType: ['preVerifiedNumber'], '/preVerifiedNumberId.mode': ['list'] } },
};

export const numberTargetProperties: INodeProperties[] = [
	numberTypeProperty,
	wabaForPhoneNumberList,
	{ ...phoneNumberIdLocator, displayOptions: { show: { numberType: ['phoneNumber'] } } },
	businessForPreVerifiedList,
	{ ...preVerifiedNumberIdLocator, displayOptions: { show: { numberType: ['preVerifiedNumber'] } } },
];

const NUMBER_FIELDS = {
	phoneNumber: { parameter: 'phoneNumberId', label: 'Phone Number' },
	preVerifiedNumber: { parameter: 'preVerifiedNumberId', label: 'Pre-Verified Number' },
} as const;

export interface ChosenNumber {
	numberType: NumberType;
	id: string;
}

/** The number the user picked, its ID validated (digits only, trimmed). */
export function chosenNumber(context: IExecuteSingleFunctions): ChosenNumber {
	const numberType = context.getNodeParameter('numberType', 'phoneNumber') as NumberType;
	const field = NUMBER_FIELDS[numberType] ?? NUMBER_FIELDS.phoneNumber;
	const id = getValidatedParameter(context, { ...field, schema: graphObjectId, extractValue: true });
	return { numberType, id };
}

/** Either kind of number goes to the output as `id`, as Graph names it. */
export const chosenNumberIdOutput: NumberIdOutput = { outputAs: 'id', read: (context) => chosenNumber(context).id };

/**
 * A `preSend` step that validates the chosen number's ID and points the request at
 * `/<ID><edge>`, so the three operations share one way of naming their target.
 */
export function sendToChosenNumber(edge = '') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { id } = chosenNumber(this);
		return { ...requestOptions, url: `/${id}${edge}` };
	};
}
