import type { INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { businessForPreVerifiedList, preVerifiedNumberIdField, preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { oneTimeCodeProperty, reportCodeVerified, sendOneTimeCode } from '../../shared/oneTimeCode';
import { sendToGraphObject } from '../../shared/validation';
import { preVerifiedNumberIdOutput } from '../helpers/output';

export const routing: INodePropertyRouting = {
	request: { method: 'POST' },
	send: { preSend: [sendToGraphObject(preVerifiedNumberIdField, '/verify_code'), sendOneTimeCode] },
	output: { postReceive: [reportCodeVerified(preVerifiedNumberIdOutput)] },
};

export const description = updateDisplayOptions({ show: { operation: ['verifyCode'] } }, [
	businessForPreVerifiedList,
	preVerifiedNumberIdLocator,
	oneTimeCodeProperty,
]);
