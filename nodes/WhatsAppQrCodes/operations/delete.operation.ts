import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { idsOf, taggedWith } from '../../shared/outputs';
import { getValidatedParameter } from '../../shared/parameters';
import { isMissingQrCode, qrCodeAdvice, qrCodeParameter, qrCodeLocator, sendToQrCode } from '../helpers/qrCode';

const qrCodeIds = idsOf({ code: qrCodeParameter, phoneNumberId: phoneNumberIdParameter });

export const option = graphOperation({
	name: 'Delete',
	value: 'delete',
	action: 'Delete a QR code',
	toolDescription: 'Deletes a QR code and its wa.me link; printed copies stop working.',
	description: 'Delete a QR code and its wa.me link; printed copies stop working',
	repeat: 'idempotentWrite',
	outcomeCheck: 'read the QR code with Get: an error saying it does not exist means it was deleted',
	adviceFor: qrCodeAdvice,
	doneOnRetry(graphError) {
		if (!isMissingQrCode(graphError)) return undefined;
		return {
			success: true,
			...qrCodeIds(this),
			alreadyDeleted: true,
			note: `The first attempt failed with a temporary error and the retry found QR code ${getValidatedParameter(this, qrCodeParameter)} already gone, so the first attempt deleted it.`,
		};
	},
	routing: {
		request: { method: 'DELETE' },
		send: { preSend: [sendToQrCode] },
		output: { postReceive: [taggedWith(qrCodeIds)] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting cannot be undone: the QR code and its wa.me link stop working, printed copies included. To change only the message, use Update.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	qrCodeLocator,
];
