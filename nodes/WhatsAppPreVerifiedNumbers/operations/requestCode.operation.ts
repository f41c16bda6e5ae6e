import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import type { ValidatedParameter } from '../../shared/validation';
import { codeMethod, languageCode, sendValidated } from '../../shared/validation';
import { withParameters } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_ID_SEGMENT, poolBusinessForList, preVerifiedNumberIdField } from '../helpers/parameters';

const codeMethodField: ValidatedParameter<string> = { parameter: 'codeMethod', label: 'Code Method', schema: codeMethod };
const languageField: ValidatedParameter<string> = { parameter: 'language', label: 'Language', schema: languageCode };

export const routing: INodePropertyRouting = {
	request: { method: 'POST', url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}/request_code` },
	send: {
		preSend: [
			sendValidated(
				preVerifiedNumberIdField,
				{ ...codeMethodField, sendAs: { in: 'qs', property: 'code_method' } },
				{ ...languageField, sendAs: { in: 'qs', property: 'language' } },
			),
		],
	},
	output: {
		postReceive: [
			withParameters({
				preVerifiedNumberId: preVerifiedNumberIdField,
				codeMethod: codeMethodField,
				language: languageField,
			}),
		],
	},
};

const properties: INodeProperties[] = [
	poolBusinessForList,
	preVerifiedNumberIdLocator,
	{
		displayName: 'Code Method',
		name: 'codeMethod',
		type: 'options',
		default: 'SMS',
		description: 'How Meta delivers the one-time code to the number',
		options: [
			{ name: 'SMS', value: 'SMS', description: 'A text message reading "WhatsApp code 123-456"' },
			{ name: 'Voice Call', value: 'VOICE', description: 'A call that reads the code out three times' },
		],
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		placeholder: 'e.g. en_US',
		description: 'Language of the SMS or call, such as en, en_US or pt_BR',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['requestCode'] } }, properties);
