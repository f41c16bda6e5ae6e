import type { INodeProperties } from 'n8n-workflow';

import { codeMethodProperty, languageProperties, requestCodeOption } from '../../shared/oneTimeCode';
import { chosenNumberIdParameter, chosenNumberIds, numberTargetProperties } from '../helpers/numberTarget';

export const option = requestCodeOption({
	target: chosenNumberIdParameter,
	ids: chosenNumberIds,
	action: 'Request a one time verification code',
	toolDescription:
		'Has Meta send a six-digit verification code by SMS or voice call to a phone number (by phone-number ID).',
	description: 'Have Meta send a six-digit code to the number by SMS or voice call',
});

export const properties: INodeProperties[] = [...numberTargetProperties, codeMethodProperty, ...languageProperties];
