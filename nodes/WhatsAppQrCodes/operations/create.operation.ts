import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import { prefilledMessageParameter, prefilledMessageProperty, QR_CODES_PER_NUMBER } from '../helpers/qrCode';
import { binaryPropertyProperty, downloadQrImage, wantedImageFormat, imageFormatProperty } from '../helpers/qrImage';

/** `generate_qr_image` only when an image is wanted: Meta then answers `qr_image_url`. */
async function sendImageFormat(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const format = wantedImageFormat(this);
	if (!format) return requestOptions;
	return { ...requestOptions, body: { ...(requestOptions.body as IDataObject), generate_qr_image: format } };
}

export const option = graphOperation({
	name: 'Create',
	value: 'create',
	action: 'Create a QR code',
	toolDescription:
		'Creates a QR code and wa.me link for a phone number that open a chat with a prefilled message.',
	description: 'Create a QR code and wa.me short link that open a chat with a prefilled message, with its image as binary data',
	repeat: 'oneShotWrite',
	oneShotBecause: `a repeat would create a second QR code (a number holds at most ${QR_CODES_PER_NUMBER.toLocaleString('en-US')})`,
	outcomeCheck: 'list the number\'s QR codes with Get Many to see whether it was created before running it again',
	routing: {
		request: { method: 'POST' },
		send: {
			preSend: [
				sendToGraphObject(phoneNumberIdParameter, '/message_qrdls'),
				sendValidated({ ...prefilledMessageParameter, sendAs: { in: 'body', property: 'prefilled_message' } }),
				sendImageFormat,
			],
		},
		output: {
			postReceive: [
				taggedWithPhoneNumber,
				downloadQrImage(
					(qrCode) =>
						`The QR code was created (link ${String(qrCode.deep_link_url ?? 'unknown')}). Download its image with Get and code ${String(qrCode.code ?? '')}; do not run Create again, that would create a second QR code.`,
				),
			],
		},
	},
});

export const properties: INodeProperties[] = [
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	prefilledMessageProperty,
	imageFormatProperty,
	binaryPropertyProperty,
];
