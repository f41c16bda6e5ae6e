/** A QR code (short link) of a phone number: its editor fields, their checks, and its requests. */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { phoneNumberIdParameter } from '../../shared/descriptions';
import { isGraphId } from '../../shared/graphIds';
import type { Advice, GraphError } from '../../shared/graphErrors';
import { parameterOf, getValidatedParameter } from '../../shared/parameters';

/** Meta: a scan opens a chat prefilled with up to 140 characters. */
export const PREFILLED_MESSAGE_MAX_LENGTH = 140;

/** Meta: one phone number holds at most 2,000 QR codes and short links. */
export const QR_CODES_PER_NUMBER = 2000;

/** Meta's list edge returns at most 25 QR codes a page. */
export const QR_CODE_PAGE_SIZE = 25;

/** The code of a short link `https://wa.me/message/<CODE>`. */
const DEEP_LINK = /^https?:\/\/wa\.me\/message\/([A-Za-z0-9]+)\/?$/i;

/** A QR code's 14-character code, or its wa.me link pasted whole. */
export const qrCode = z
	.string()
	.trim()
	.transform((value) => DEEP_LINK.exec(value)?.[1] ?? value)
	.refine((code) => isGraphId('qrCode', code), {
		message: 'must be the 14-character code of a QR code, such as 4O4YGZEG3RIVE1, or its https://wa.me/message/… link',
	});

/** The text a scan prefills: not empty, at most 140 characters (emoji count once). */
export const prefilledMessage = z
	.string()
	.trim()
	.superRefine((text, context) => {
		const length = [...text].length;
		if (length === 0) context.addIssue({ code: z.ZodIssueCode.custom, message: 'is empty: a QR code needs the message it prefills' });
		if (length > PREFILLED_MESSAGE_MAX_LENGTH) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				message: `has ${length} characters; Meta allows at most ${PREFILLED_MESSAGE_MAX_LENGTH}`,
			});
		}
	});

export const qrCodeLocator: INodeProperties = {
	displayName: 'QR Code',
	name: 'qrCode',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The QR code (short link) of the phone number above',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a QR code...',
			typeOptions: { searchListMethod: 'searchQrCodes', searchable: true, searchFilterRequired: false },
		},
		{
			displayName: 'By Code',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4O4YGZEG3RIVE1',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[A-Za-z0-9]{14}\\s*$', errorMessage: 'A QR code has 14 letters and digits, such as 4O4YGZEG3RIVE1' },
				},
			],
		},
		{
			displayName: 'By Link',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://wa.me/message/4O4YGZEG3RIVE1',
			validation: [
				{
					type: 'regex',
					properties: { regex: DEEP_LINK.source, errorMessage: 'A short link looks like https://wa.me/message/4O4YGZEG3RIVE1' },
				},
			],
			extractValue: { type: 'regex', regex: DEEP_LINK.source },
		},
	],
};

export const qrCodeParameter = parameterOf(qrCodeLocator, qrCode, {
	hint: 'Pick the QR code From List, or copy its code from Get Many or WhatsApp Manager → Phone numbers → Message links.',
});

export const prefilledMessageProperty: INodeProperties = {
	displayName: 'Prefilled Message',
	name: 'prefilledMessage',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	required: true,
	placeholder: 'e.g. Hi! I would like to know more about your opening hours.',
	description: `The message a customer's chat starts with after scanning the code or opening the link; at most ${PREFILLED_MESSAGE_MAX_LENGTH} characters`,
};

export const prefilledMessageParameter = parameterOf(prefilledMessageProperty, prefilledMessage, {
	hint: `Write the message a scan should prefill, in at most ${PREFILLED_MESSAGE_MAX_LENGTH} characters.`,
});

/** `preSend`: points the request at one QR code, `/<PHONE_NUMBER_ID>/message_qrdls/<CODE>`. */
export async function sendToQrCode(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const phoneNumberId = getValidatedParameter(this, phoneNumberIdParameter);
	const code = getValidatedParameter(this, qrCodeParameter);
	return { ...requestOptions, url: `/${phoneNumberId}/message_qrdls/${code}` };
}

/**
 * `postReceive`: Graph answers one QR code as `{data: [code]}`; the item is the code itself.
 * An empty array means the number has no such code.
 */
export async function unwrapQrCode(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const [first] = Array.isArray(item.json.data) ? (item.json.data as IDataObject[]) : [item.json];
		if (!first) {
			const code = getValidatedParameter(this, qrCodeParameter);
			throw new NodeOperationError(this.getNode(), `${MISSING_QR_CODE.message}: ${code}`, { description: MISSING_QR_CODE.action });
		}
		return { json: first };
	});
}

/** Graph's "does not exist": error 803 (Meta's QR reference), or 100 with subcode 33. */
export function isMissingQrCode(graphError: GraphError): boolean {
	return graphError.code === 803 || (graphError.code === 100 && graphError.error_subcode === 33);
}

const MISSING_QR_CODE: Advice = {
	message: 'This phone number has no QR code with that code',
	action:
		'The code was deleted, or belongs to another phone number. Pick the QR code From List, or list the number\'s codes with Get Many.',
};

/** What a missing code means here, where the general table would say "fix a parameter". */
export function qrCodeAdvice(graphError: GraphError): Advice | undefined {
	return isMissingQrCode(graphError) ? MISSING_QR_CODE : undefined;
}
