import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdLocator, wabaIdLocator } from '../shared/descriptions';
import { getValidatedParameter, graphObjectId } from '../shared/validation';

/** Read only by the "From List" search, never sent: shown only while that list is in use, never required by a run. */
const wabaForPhoneNumberList: INodeProperties = {
	...wabaIdLocator,
	required: false,
	description:
		'The WhatsApp Business Account whose numbers "Phone Number → From List" shows. Only used to fill that list; not needed when you enter the ID.',
	displayOptions: { show: { '/phoneNumberId.mode': ['list'] } },
};

export const phoneNumberProperties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];

/** The phone-number ID the user picked, validated (digits only, trimmed). */
export function chosenPhoneNumberId(context: IExecuteSingleFunctions): string {
	return getValidatedParameter(context, {
		parameter: 'phoneNumberId',
		label: 'Phone Number',
		schema: graphObjectId,
		extractValue: true,
	});
}

/** A `preSend` step that validates the phone-number ID and points the request at `/<ID><edge>`. */
export function sendToPhoneNumber(edge = '') {
	return async function (
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, url: `/${chosenPhoneNumberId(this)}${edge}` };
	};
}
