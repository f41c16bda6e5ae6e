import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdField, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { fieldOptionsCollection } from '../../shared/fieldList';
import { graphOperation } from '../../shared/graphOperation';
import { addingHealthSummary } from '../../shared/healthStatus';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { phoneNumberFieldOptions, sendPhoneNumberFields } from '../helpers/phoneNumberFields';
import { addRegistrationDeadline } from '../helpers/registrationDeadline';

export const option = graphOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a phone number',
	description: 'Read one business phone number with the fields you choose',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdField), sendPhoneNumberFields] },
		output: { postReceive: [namingGraphId('phoneNumberId'), addRegistrationDeadline, addingHealthSummary('Phone number')] },
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	fieldOptionsCollection(phoneNumberFieldOptions),
];
