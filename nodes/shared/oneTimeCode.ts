/**
 * The one-time-code steps (`POST /<ID>/request_code`, `POST /<ID>/verify_code`) as both the
 * Verification and the Pre-Verified Numbers nodes offer them: same fields, validation and
 * output. Each node adds only how it names the number and where its ID goes in the output.
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
} from 'n8n-workflow';

import { graphOperation, type GraphOperationOption } from './graphOperation';
import type { IdsOf } from './outputs';
import { parameterOf, getValidatedParameter } from './parameters';
import { sendToGraphObject, sendValidated, type GraphObjectField } from './requestSteps';
import { codeMethod, languageCode, otpCode } from './schemas';

type CodeMethod = 'SMS' | 'VOICE';

const CUSTOM_LANGUAGE = 'custom';

export const codeMethodProperty: INodeProperties = {
	displayName: 'Code Method',
	name: 'codeMethod',
	type: 'options',
	default: 'SMS',
	description: 'How Meta delivers the one-time code to the phone',
	options: [
		{
			name: 'SMS',
			value: 'SMS',
			description: 'A text message reading "WhatsApp code 123-456"',
		},
		{
			name: 'Voice Call',
			value: 'VOICE',
			description: 'A phone call that reads the code out three times; use it for landlines',
		},
	],
};

/** The Language dropdown and, under "Other", the free-entry code. */
export const languageProperties: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: 'en_US',
		description:
			'Language of the SMS or of the voice call. Choose "Other" to enter any language code Meta supports.',
		// Locales businesses most often verify in; "Other" takes any code Meta supports.
		options: [
			{ name: 'Arabic', value: 'ar', description: 'Sent as ar' },
			{ name: 'Chinese (Simplified)', value: 'zh_CN', description: 'Sent as zh_CN' },
			{ name: 'Dutch', value: 'nl_NL', description: 'Sent as nl_NL' },
			{ name: 'English (UK)', value: 'en_GB', description: 'Sent as en_GB' },
			{ name: 'English (US)', value: 'en_US', description: 'Sent as en_US' },
			{ name: 'French', value: 'fr_FR', description: 'Sent as fr_FR' },
			{ name: 'German', value: 'de_DE', description: 'Sent as de_DE' },
			{ name: 'Hindi', value: 'hi_IN', description: 'Sent as hi_IN' },
			{ name: 'Indonesian', value: 'id_ID', description: 'Sent as id_ID' },
			{ name: 'Italian', value: 'it_IT', description: 'Sent as it_IT' },
			{ name: 'Japanese', value: 'ja_JP', description: 'Sent as ja_JP' },
			{ name: 'Korean', value: 'ko_KR', description: 'Sent as ko_KR' },
			{ name: 'Portuguese (Brazil)', value: 'pt_BR', description: 'Sent as pt_BR' },
			{ name: 'Portuguese (Portugal)', value: 'pt_PT', description: 'Sent as pt_PT' },
			{ name: 'Russian', value: 'ru_RU', description: 'Sent as ru_RU' },
			{ name: 'Spanish (Mexico)', value: 'es_MX', description: 'Sent as es_MX' },
			{ name: 'Spanish (Spain)', value: 'es_ES', description: 'Sent as es_ES' },
			{ name: 'Thai', value: 'th_TH', description: 'Sent as th_TH' },
			{ name: 'Turkish', value: 'tr_TR', description: 'Sent as tr_TR' },
			{ name: 'Vietnamese', value: 'vi_VN', description: 'Sent as vi_VN' },
			{ name: 'Other (Enter a Code)', value: CUSTOM_LANGUAGE, description: 'Type any language code Meta supports' },
		],
	},
	{
		displayName: 'Language Code',
		name: 'customLanguage',
		type: 'string',
		default: '',
		// Not `required`: n8n would then demand it whenever Language is an expression.
		placeholder: 'e.g. sv_SE',
		description: 'A language code as Meta writes it: the language (en), optionally followed by _ and the country (en_US)',
		displayOptions: { show: { language: [CUSTOM_LANGUAGE] } },
	},
];

export const oneTimeCodeProperty: INodeProperties = {
	displayName: 'One-Time Code',
	name: 'code',
	type: 'string',
	// A live secret until it expires, hidden in the editor like the two-step PIN.
	typeOptions: { password: true },
	default: '',
	required: true,
	placeholder: 'e.g. 123-456',
	description:
		'The six-digit code from the SMS or voice call, with or without the hyphen (123456 or 123-456). Usually an expression reading it from a Form or chat node.',
};

const codeMethodParameter = parameterOf(codeMethodProperty, codeMethod);

const languageParameter = {
	dropdown: parameterOf(languageProperties[0], languageCode),
	custom: parameterOf(languageProperties[1], languageCode),
};

/** The code is a secret (the field hides it), so errors never echo it. */
const oneTimeCodeParameter = parameterOf(oneTimeCodeProperty, otpCode);

/** The language the user chose in the dropdown or typed under "Other", validated. */
function chosenLanguage(context: IExecuteSingleFunctions): string {
	const isCustom = context.getNodeParameter('language') === CUSTOM_LANGUAGE;
	return getValidatedParameter(context, isCustom ? languageParameter.custom : languageParameter.dropdown);
}

/** A `preSend` step that validates Code Method and Language and sends them as `code_method` and `language`. */
async function sendCodeMethodAndLanguage(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const method = getValidatedParameter(this, codeMethodParameter);
	const language = chosenLanguage(this);
	return { ...requestOptions, qs: { ...requestOptions.qs, code_method: method, language } };
}

/** The SMS shows 123-456; Graph wants the six digits. */
const sendOneTimeCode = sendValidated({ ...oneTimeCodeParameter, sendAs: { in: 'qs', property: 'code' } });

const DELIVERY: Record<CodeMethod, string> = {
	SMS: 'An SMS to the number reading "WhatsApp code 123-456", with the six-digit code in place of 123-456',
	VOICE: 'A voice call to the number that reads the six-digit code three times',
};

const OTHER_METHOD: Record<CodeMethod, CodeMethod> = { SMS: 'VOICE', VOICE: 'SMS' };

/** Where and how the code went, and what the workflow should do next. */
function deliveryReport(method: CodeMethod, success: boolean): IDataObject {
	if (!success) {
		return { nextStep: 'Meta did not confirm that a code was sent. Check the number and request a code again.' };
	}
	return {
		delivery: DELIVERY[method],
		nextStep: `Ask whoever holds the phone for the six-digit code, then run Verify Code on this number with it (123456 and 123-456 both work). If no code arrives within a few minutes, request a new one, or try ${OTHER_METHOD[method]}.`,
	};
}

/**
 * Request Code's output. Graph answers only `{success: true}`; the output says where and
 * how the code went, so the next node (a Form, a Wait, a chat message) can ask the person
 * holding the phone.
 */
function describeCodeDelivery(ids: IdsOf): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		const numberIds = ids(this);
		const method = getValidatedParameter(this, codeMethodParameter);
		const language = chosenLanguage(this);
		return items.map((item) => {
			const success = item.json.success === true;
			return {
				json: { success, ...numberIds, codeMethod: method, language, ...deliveryReport(method, success) },
			};
		});
	};
}

/**
 * Verify Code's output. Graph answers `{success: true}`, and success is exactly what sets
 * the number's `code_verification_status` to VERIFIED, so the status is reported without a
 * second (rate-limited, billed) call. The code itself, a secret, never goes to the output.
 */
function reportCodeVerified(ids: IdsOf): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
		const numberIds = ids(this);
		return items.map((item) => {
			const success = item.json.success === true;
			return { json: { success, ...numberIds, ...(success ? { codeVerificationStatus: 'VERIFIED' } : {}) } };
		});
	};
}

/** Which number a one-time-code operation acts on, and how its output names it. */
export interface CodeTarget {
	target: GraphObjectField;
	ids: IdsOf;
	action: string;
	description: string;
	toolDescription: string;
}

/** Request Code: each call sends the person a new code, so it is never repeated on its own. */
export function requestCodeOption({ target, ids, action, description, toolDescription }: CodeTarget): GraphOperationOption {
	return graphOperation({
		name: 'Request Code',
		value: 'requestCode',
		action,
		description,
		toolDescription,
		repeat: 'oneShotWrite',
		oneShotBecause: 'a second request would send another code and count against Meta\'s limit on code requests',
		outcomeCheck: 'wait a few minutes for the SMS or call before requesting another code',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [sendToGraphObject(target, '/request_code'), sendCodeMethodAndLanguage] },
			output: { postReceive: [describeCodeDelivery(ids)] },
		},
	});
}

/** Verify Code: the first attempt may already have used the code up, so it is never repeated on its own. */
export function verifyCodeOption({ target, ids, action, description, toolDescription }: CodeTarget): GraphOperationOption {
	return graphOperation({
		name: 'Verify Code',
		value: 'verifyCode',
		action,
		description,
		toolDescription,
		repeat: 'oneShotWrite',
		oneShotBecause: 'the first attempt may already have used up the one-time code',
		outcomeCheck: 'read the number\'s verification status (Get Verification Status) before verifying again',
		secrets: [oneTimeCodeParameter],
		routing: {
			request: { method: 'POST' },
			send: { preSend: [sendToGraphObject(target, '/verify_code'), sendOneTimeCode] },
			output: { postReceive: [reportCodeVerified(ids)] },
		},
	});
}
