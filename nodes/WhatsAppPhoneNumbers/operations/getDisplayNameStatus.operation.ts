import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { phoneNumberIdField, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { sendToGraphObject } from '../../shared/validation';
import { addDisplayNameStatusMeaning } from '../helpers/displayNameStatus';

export const option: INodePropertyOptions = {
	name: 'Get Display Name Status & Certificate',
	value: 'getDisplayNameStatus',
	action: 'Get the display name status and certificate of a phone number',
	description: 'Read the review status of the display name and the certificate, and whether it can be downloaded now',
	routing: {
		request: {
			method: 'GET',
			qs: { fields: 'certificate,new_certificate,name_status,new_name_status' },
		},
		send: { preSend: [sendToGraphObject(phoneNumberIdField)] },
		output: { postReceive: [addDisplayNameStatusMeaning] },
	},
};

const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];

export const description = updateDisplayOptions({ show: { operation: ['getDisplayNameStatus'] } }, properties);
