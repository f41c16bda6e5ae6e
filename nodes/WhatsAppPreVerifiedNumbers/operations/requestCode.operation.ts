import type { INodeProperties } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdParameter, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { codeMethodProperty, languageProperties, requestCodeOption } from '../../shared/oneTimeCode';
import { preVerifiedNumberIds } from '../helpers/output';

export const option = requestCodeOption({
	target: preVerifiedNumberIdParameter,
	ids: preVerifiedNumberIds,
	action: 'Request a one time verification code',
	toolDescription:
		'Has Meta send a six-digit verification code by SMS or voice call to a pre-verified number (by pre-verified ID).',
	description: 'Have Meta send a one-time code to the number by SMS or voice call',
});

export const properties: INodeProperties[] = [
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
	codeMethodProperty,
	...languageProperties,
];
