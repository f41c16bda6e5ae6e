import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { PROFILE_FIELDS } from '../helpers/profileFields';

/** Meta answers `{data: [profile]}` for one number: the item is the profile itself. */
async function unwrapProfile(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const [profile] = (Array.isArray(item.json.data) ? item.json.data : []) as IDataObject[];
		return { json: { ...(profile ?? {}) } };
	});
}

export const option = graphOperation({
	name: 'Get Profile',
	value: 'getProfile',
	action: 'Get the business profile of a phone number',
	toolDescription:
		'Reads the business profile WhatsApp users see for a phone number (by phone-number ID): about, address, description, e-mail, websites, category, photo URL.',
	description: 'Read what WhatsApp users see of the number: about, address, description, e-mail, websites, category and photo URL',
	repeat: 'read',
	routing: {
		request: { method: 'GET', qs: { fields: PROFILE_FIELDS.join(',') } },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/whatsapp_business_profile')] },
		output: { postReceive: [unwrapProfile, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
