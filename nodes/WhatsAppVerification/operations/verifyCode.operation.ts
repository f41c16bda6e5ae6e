import type { INodeProperties } from 'n8n-workflow';

import { oneTimeCodeProperty, verifyCodeOption } from '../../shared/oneTimeCode';
import { chosenNumberIdParameter, chosenNumberIds, numberTargetProperties } from '../helpers/numberTarget';

export const option = verifyCodeOption({
	target: chosenNumberIdParameter,
	ids: chosenNumberIds,
	action: 'Verify the code a number received',
	toolDescription:
		'Verifies a phone number (by phone-number ID) with the code it received, as configured in the node.',
	description: 'Confirm the number with the six-digit code it received',
});

export const properties: INodeProperties[] = [...numberTargetProperties, oneTimeCodeProperty];
