import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	businessForPreVerifiedList,
	phoneNumberIdParameter,
	phoneNumberIdLocator,
	preVerifiedNumberIdParameter,
	preVerifiedNumberIdLocator,
	wabaForPhoneNumberList,
} from '../../shared/descriptions';
import type { IdsOf } from '../../shared/outputs';
import { getValidatedParameter, type ValidatedParameter } from '../../shared/parameters';

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

/** The WABA and the business portfolio only fill the "From List" of the locator shown with them. */
export const numberTargetProperties: INodeProperties[] = [
	numberTypeProperty,
	...updateDisplayOptions({ show: { numberType: ['phoneNumber'] } }, [wabaForPhoneNumberList, phoneNumberIdLocator]),
	...updateDisplayOptions({ show: { numberType: ['preVerifiedNumber'] } }, [
		businessForPreVerifiedList,
		preVerifiedNumberIdLocator,
	]),
];

const NUMBER_ID_FIELDS: Record<NumberType, ValidatedParameter<string>> = {
	phoneNumber: phoneNumberIdParameter,
	preVerifiedNumber: preVerifiedNumberIdParameter,
};

export function chosenNumberType(context: IExecuteSingleFunctions): NumberType {
	return context.getNodeParameter('numberType', 'phoneNumber') as NumberType;
}

/** The ID field of the number type the user chose, for `sendToGraphObject`. */
export function chosenNumberIdParameter(context: IExecuteSingleFunctions): ValidatedParameter<string> {
	return NUMBER_ID_FIELDS[chosenNumberType(context)] ?? phoneNumberIdParameter;
}

const NUMBER_ID_NAMES: Record<NumberType, string> = {
	phoneNumber: 'phoneNumberId',
	preVerifiedNumber: 'preVerifiedNumberId',
};

/** Either kind of number goes to the output as `id`, as Graph names it, and under its own name. */
export const chosenNumberIds: IdsOf = (context) => {
	const id = getValidatedParameter(context, chosenNumberIdParameter(context));
	return { id, [NUMBER_ID_NAMES[chosenNumberType(context)]]: id };
};
