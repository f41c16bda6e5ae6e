import type { INodeProperties, INodePropertyRouting } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { preVerifiedNumberIdLocator } from '../../shared/descriptions';
import { otpCode, sendValidated } from '../../shared/validation';
import { withParameters } from '../helpers/output';
import { PRE_VERIFIED_NUMBER_ID_SEGMENT, poolBusinessForList, preVerifiedNumberIdField } from '../helpers/parameters';

export const routing: INodePropertyRouting = {
	request: { method: 'POST', url: `=/${PRE_VERIFIED_NUMBER_ID_SEGMENT}/verify_code` },
	send: {
		preSend: [
			sendValidated(preVerifiedNumberIdField, {
				parameter: 'code',
				label: 'Code',
				schema: otpCode,
				sendAs: { in: 'qs', property: 'code' },
			}),
		],
	},
	// The code is a secret: only the number's ID goes to the output.
	output: { postReceive: [withParameters({ preVerifiedNumberId: preVerifiedNumberIdField })] },
};

const properties: INodeProperties[] = [
	poolBusinessForList,
	preVerifiedNumberIdLocator,
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 123-456',
		description: 'The 6-digit code from the SMS or call. Typed as the SMS shows it (123-456) or without the hyphen.',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['verifyCode'] } }, properties);
