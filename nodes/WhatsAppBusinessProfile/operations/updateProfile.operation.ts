import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { idsOf, taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { profileFieldsCollection, setProfileFields } from '../helpers/profileFields';
import { PROFILE_PHOTO_PARAMETER, profilePhotoProperties, uploadProfilePhoto } from '../helpers/profilePhoto';

const photoFromBinary = (context: IExecuteSingleFunctions) => context.getNodeParameter(PROFILE_PHOTO_PARAMETER, 'keep') === 'binary';

/** Only the fields the user added are sent; the photo handle joins them after the upload. */
async function sendProfileFields(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const fields = setProfileFields(this);
	if (!Object.keys(fields).length && !photoFromBinary(this)) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: no profile field was added and the photo is kept', {
			description: 'Add at least one field under "Profile Fields", or set "Profile Photo" to Upload From Binary Data.',
		});
	}
	return { ...requestOptions, body: { messaging_product: 'whatsapp', ...fields } };
}

/** What was changed, as the output says it: Graph's `{success: true}` alone does not. */
function changesOf(context: IExecuteSingleFunctions) {
	return { updatedFields: Object.keys(setProfileFields(context)), profilePhotoUploaded: photoFromBinary(context) };
}

async function reportUpdate(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ json: { success: item.json.success === true, ...changesOf(this) } }));
}

export const option = graphOperation({
	name: 'Update Profile',
	value: 'updateProfile',
	action: 'Update the business profile of a phone number',
	toolDescription:
		'Changes a phone number\'s business profile fields (by phone-number ID) to the values configured in the node.',
	description: 'Change the profile fields you add and, from binary data, the profile photo',
	// Setting the same values again leaves the same profile.
	repeat: 'idempotentWrite',
	outcomeCheck: 'read the profile with Get Profile',
	// A photo handle serves one update: refused on a repeat, it was used by the first attempt.
	doneOnRetry(graphError) {
		if (graphError.code !== 100 || !/profile_picture_handle/.test(graphError.message ?? '')) return undefined;
		return { success: true, ...changesOf(this), ...idsOf({ phoneNumberId: phoneNumberIdParameter })(this) };
	},
	before: uploadProfilePhoto,
	routing: {
		request: { method: 'POST' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/whatsapp_business_profile'), sendProfileFields] },
		output: { postReceive: [reportUpdate, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator, profileFieldsCollection, ...profilePhotoProperties];
