import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';

export const option = graphOperation({
	name: 'Get Settings',
	value: 'getSettings',
	action: 'Get the settings of a phone number',
	toolDescription:
		'Reads all settings of a phone number (by phone-number ID): identity change check, calling, local storage.',
	description: 'Read all settings of the number (identity check, calling, local storage…)',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/settings')] },
		// Graph's settings as they come (calling, storage, identity check…), tagged with the number.
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator];
