import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { qrCodeAdvice, qrCodeLocator, sendToQrCode, unwrapQrCode } from '../helpers/qrCode';
import { binaryPropertyProperty, downloadQrImage, wantedImageFormat, imageFormatProperty } from '../helpers/qrImage';

/** With an image, the fields ask for its URL in that format; without, Graph's defaults suffice. */
async function sendImageField(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const format = wantedImageFormat(this);
	if (!format) return requestOptions;
	const fields = `code,prefilled_message,deep_link_url,qr_image_url.format(${format})`;
	return { ...requestOptions, qs: { ...requestOptions.qs, fields } };
}

export const option = graphOperation({
	name: 'Get',
	value: 'get',
	action: 'Get a QR code',
	toolDescription: 'Reads one QR code of a phone number: its prefilled message and wa.me link.',
	description: 'Read one QR code: its prefilled message, its wa.me link and, if asked, its image as binary data',
	repeat: 'read',
	adviceFor: qrCodeAdvice,
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToQrCode, sendImageField] },
		output: {
			postReceive: [
				unwrapQrCode,
				taggedWithPhoneNumber,
				downloadQrImage(() => 'Meta\'s image links expire after a while: run the node again to get a fresh one.'),
			],
		},
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	qrCodeLocator,
	imageFormatProperty,
	binaryPropertyProperty,
];
