import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { prefilledMessageParameter, prefilledMessageProperty, qrCodeAdvice, qrCodeParameter, qrCodeLocator } from '../helpers/qrCode';

export const option = graphOperation({
	name: 'Update',
	value: 'update',
	action: 'Update a QR code',
	toolDescription: 'Changes the message a QR code prefills; the code and its link stay the same.',
	description: 'Change the message a QR code prefills; the code, its link and printed copies stay the same',
	// Setting the same message twice leaves the same message.
	repeat: 'idempotentWrite',
	outcomeCheck: 'read the QR code with Get',
	adviceFor: qrCodeAdvice,
	routing: {
		// Meta updates through the list edge, naming the code in the body.
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(phoneNumberIdParameter, '/message_qrdls'),
				sendValidated(
					{ ...qrCodeParameter, sendAs: { in: 'body', property: 'code' } },
					{ ...prefilledMessageParameter, sendAs: { in: 'body', property: 'prefilled_message' } },
				),
			],
		},
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	qrCodeLocator,
	prefilledMessageProperty,
];
