import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { describeUsername, usernameAdvice, usernameNotice } from '../helpers/username';

export const option = graphOperation({
	name: 'Get Username',
	value: 'getUsername',
	action: 'Get the username of a phone number',
	toolDescription:
		'Reads the business username (@name) of one phone number by its phone-number ID (digits), with its state (reserved, approved) or that it has none.',
	description: 'Read the business username of a number (@name) and its state: reserved, approved or none',
	repeat: 'read',
	adviceFor: usernameAdvice,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/username')] },
		// Graph's `username` and `status` as they come; `hasUsername` and the number beside them.
		output: { postReceive: [describeUsername, taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [usernameNotice, wabaForPhoneNumberList, phoneNumberIdLocator];
