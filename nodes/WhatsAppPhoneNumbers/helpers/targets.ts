import type { INodeProperties } from 'n8n-workflow';

import { businessIdLocator, phoneNumberIdLocator, wabaIdLocator } from '../../shared/descriptions';
import { graphObjectId, sendValidated } from '../../shared/validation';

/**
 * The WABA on operations that act on one phone number: never sent, it only fills the
 * Phone Number "From List" (which reads the `wabaId` parameter), so it shows only then.
 */
export const wabaForPhoneNumberList: INodeProperties = {
	...wabaIdLocator,
	displayName: 'WhatsApp Business Account (for the List)',
	required: false,
	description:
		'Fills the Phone Number list below and is not sent. Not needed when you enter the phone-number ID By ID.',
	displayOptions: { show: { '/phoneNumberId.mode': ['list'] } },
};

/** The business portfolio, only to fill the Pre-Verified Number "From List" (it reads `businessId`). */
export const businessForPreVerifiedList: INodeProperties = {
	...businessIdLocator,
	displayName: 'Business Portfolio (for the List)',
	required: false,
	description:
		'Fills the Pre-Verified Number list below and is not sent. Not needed when you enter the pre-verified ID By ID.',
	displayOptions: { show: { '/preVerifiedNumberId.mode': ['list'] } },
};

export { phoneNumberIdLocator, wabaIdLocator };

/** URL path of the chosen phone number, with an optional edge such as `/register`. */
export const phoneNumberPath = (edge = '') => `=/{{ String($parameter.phoneNumberId).trim() }}${edge}`;

/** URL path of the chosen WABA's phone-number edge. */
export const wabaPhoneNumbersPath = '=/{{ String($parameter.wabaId).trim() }}/phone_numbers';

export const validatePhoneNumberId = sendValidated({
	parameter: 'phoneNumberId',
	label: 'Phone Number',
	schema: graphObjectId,
	extractValue: true,
});

export const validateWabaId = sendValidated({
	parameter: 'wabaId',
	label: 'WhatsApp Business Account',
	schema: graphObjectId,
	extractValue: true,
});
