import type { INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { codeMethodProperty, describeCodeDelivery, languageProperties, sendCodeMethodAndLanguage } from '../../shared/oneTimeCode';
import { sendValidated } from '../../shared/validation';
import { preVerifiedNumberIdOutput } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_ID_SEGMENT, poolBusinessForList, preVerifiedNumberIdField } from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: { method: 'POST', url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}/request_code` },
	send: { preSend: [sendValidated(preVerifiedNumberIdField), sendCodeMethodAndLanguage] },
	output: { postReceive: [describeCodeDelivery(preVerifiedNumberIdOutput)] },
};

export const description = updateDisplayOptions({ show: { operation: ['requestCode'] } }, [
	poolBusinessForList,
	preVerifiedNumberIdLocator,
	codeMethodProperty,
	...languageProperties,
]);
