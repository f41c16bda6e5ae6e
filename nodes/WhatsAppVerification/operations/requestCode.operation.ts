import { updateDisplayOptions } from 'n8n-workflow';

import { codeMethodProperty, describeCodeDelivery, languageProperties, sendCodeMethodAndLanguage } from '../../shared/oneTimeCode';
import { sendToGraphObject } from '../../shared/validation';
import { chosenNumberIdField, chosenNumberIdOutput } from '../numberTarget';

export const description = updateDisplayOptions({ show: { operation: ['requestCode'] } }, [
	codeMethodProperty,
	...languageProperties,
]);

export const routing = {
	request: { method: 'POST' as const },
	send: { preSend: [sendToGraphObject(chosenNumberIdField, '/request_code'), sendCodeMethodAndLanguage] },
	output: { postReceive: [describeCodeDelivery(chosenNumberIdOutput)] },
};
