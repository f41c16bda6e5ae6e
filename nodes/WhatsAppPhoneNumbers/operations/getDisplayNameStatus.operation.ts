import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdField, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { addDisplayNameStatusMeaning } from '../helpers/displayNameStatus';

export const option = graphOperation({
	name: 'Get Display Name Status & Certificate',
	value: 'getDisplayNameStatus',
	action: 'Get the display name status and certificate of a phone number',
	description: 'Read the review status of the display name and the certificate, and whether it can be downloaded now',
	repeat: 'read',
	routing: {
		request: {
			method: 'GET',
			qs: { fields: 'certificate,new_certificate,name_status,new_name_status' },
		},
		send: { preSend: [sendToGraphObject(phoneNumberIdField)] },
		output: { postReceive: [namingGraphId('phoneNumberId'), addDisplayNameStatusMeaning] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
