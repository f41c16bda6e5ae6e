import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as getVerificationStatus from './operations/getVerificationStatus.operation';
import * as requestCode from './operations/requestCode.operation';
import * as verifyCode from './operations/verifyCode.operation';

const operations = [getVerificationStatus, requestCode, verifyCode];

export class WhatsAppVerification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Verification',
		name: 'whatsAppVerification',
		icon: { light: 'file:whatsAppVerification.svg', dark: 'file:whatsAppVerification.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Verify a WhatsApp business phone number or pre-verified number with a one-time code sent by SMS or voice call',
		defaults: { name: 'WhatsApp Verification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'requestCode', description: 'What to do: send a code, check a code, or read the verification status' }),
	};

	methods = { listSearch };
}
