import { updateDisplayOptions } from 'n8n-workflow';

import { oneTimeCodeProperty, reportCodeVerified, sendOneTimeCode } from '../../shared/oneTimeCode';
import { sendToGraphObject } from '../../shared/validation';
import { chosenNumberIdField, chosenNumberIdOutput } from '../numberTarget';

export const description = updateDisplayOptions({ show: { operation: ['verifyCode'] } }, [oneTimeCodeProperty]);

export const routing = {
	request: { method: 'POST' as const },
	send: { preSend: [sendToGraphObject(chosenNumberIdField, '/verify_code'), sendOneTimeCode] },
	output: { postReceive: [reportCodeVerified(chosenNumberIdOutput)] },
};
