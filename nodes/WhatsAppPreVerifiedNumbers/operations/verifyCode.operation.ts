import type { INodeProperties } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdParameter, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { oneTimeCodeProperty, verifyCodeOption } from '../../shared/oneTimeCode';
import { preVerifiedNumberIds } from '../helpers/output';

export const option = verifyCodeOption({
	target: preVerifiedNumberIdParameter,
	ids: preVerifiedNumberIds,
	action: 'Verify the one time code a preverified number received',
	toolDescription:
		'Verifies a pre-verified number (by pre-verified ID) with the code it received, as configured in the node.',
	description: 'Verify the number with its one-time code; it then stays verified for 90 days',
});

export const properties: INodeProperties[] = [businessForPreVerifiedList, preVerifiedNumberIdLocator, oneTimeCodeProperty];
