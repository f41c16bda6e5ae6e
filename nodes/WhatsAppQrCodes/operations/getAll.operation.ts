import type { INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, returnAllOrLimit, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { QR_CODE_PAGE_SIZE } from '../helpers/qrCode';

export const option = graphOperation({
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many QR codes',
	toolDescription:
		'Lists a phone number\'s QR codes (by phone-number ID), newest first, with their prefilled messages and wa.me links.',
	description: 'List the QR codes of a phone number, newest first, with their prefilled messages and wa.me links',
	repeat: 'read',
	list: true,
	pageSize: QR_CODE_PAGE_SIZE,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter, '/message_qrdls')] },
		output: { postReceive: [taggedWithPhoneNumber] },
	},
});

export const properties: INodeProperties[] = [wabaForPhoneNumberList, phoneNumberIdLocator, ...returnAllOrLimit];
