import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { addDisplayNameStatusMeaning } from '../helpers/displayNameStatus';

export const option = graphOperation({
	name: 'Get Display Name Status & Certificate',
	value: 'getDisplayNameStatus',
	action: 'Get the display name status and certificate of a phone number',
	toolDescription:
		'Reads a phone number\'s display name review status (and a pending new name\'s) and its certificate, by phone-number ID.',
	description:
		'Read the display name, a requested new name and their review status and certificates; after Change Display Name, says what to do next',
	repeat: 'read',
	routing: {
		request: {
			method: 'GET',
			// verified_name and new_display_name show which name each status is about.
			qs: { fields: 'verified_name,certificate,name_status,new_display_name,new_certificate,new_name_status' },
		},
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter)] },
		output: { postReceive: [namingGraphId('phoneNumberId'), addDisplayNameStatusMeaning] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
