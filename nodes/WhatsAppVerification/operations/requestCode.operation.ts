import { updateDisplayOptions } from 'n8n-workflow';

import { codeMethodProperty, describeCodeDelivery, languageProperties, sendCodeMethodAndLanguage } from '../../shared/oneTimeCode';
import { chosenNumberIdOutput, sendToChosenNumber } from '../numberTarget';

export const description = updateDisplayOptions({ show: { operation: ['requestCode'] } }, [
	codeMethodProperty,
	...languageProperties,
]);

export const routing = {
	request: { method: 'POST' as const },
	send: { preSend: [sendToChosenNumber('/request_code'), sendCodeMethodAndLanguage] },
	output: { postReceive: [describeCodeDelivery(chosenNumberIdOutput)] },
};
