import type { INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdField, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { codeMethodProperty, describeCodeDelivery, languageProperties, sendCodeMethodAndLanguage } from '../../shared/oneTimeCode';
import { sendToGraphObject } from '../../shared/validation';
import { preVerifiedNumberIdOutput } from '../helpers/output';

export const routing: INodePropertyRouting = {
	request: { method: 'POST' },
	send: { preSend: [sendToGraphObject(preVerifiedNumberIdField, '/request_code'), sendCodeMethodAndLanguage] },
	output: { postReceive: [describeCodeDelivery(preVerifiedNumberIdOutput)] },
};

export const description = updateDisplayOptions({ show: { operation: ['requestCode'] } }, [
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
	codeMethodProperty,
	...languageProperties,
]);
