import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { graphApiNode, graphRequestProperty } from '../shared/transport';
import { numberTargetProperties } from './numberTarget';
import * as getVerificationStatus from './operations/getVerificationStatus.operation';
import * as requestCode from './operations/requestCode.operation';
import * as verifyCode from './operations/verifyCode.operation';

export class WhatsAppVerification implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Verification',
		name: 'whatsAppVerification',
		icon: { light: 'file:whatsAppVerification.svg', dark: 'file:whatsAppVerification.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Verify a WhatsApp business phone number or pre-verified number with a one-time code sent by SMS or voice call',
		defaults: { name: 'WhatsApp Verification' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode,
		properties: [
			graphRequestProperty,
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				description: 'What to do: send a code, check a code, or read the verification status',
				default: 'requestCode',
				options: [
					{
						name: 'Get Verification Status',
						value: 'getVerificationStatus',
						action: 'Get the verification status of a number',
						description:
							'Read whether the number is verified (and, for a pre-verified number, when it was verified and when that expires)',
						routing: getVerificationStatus.routing,
					},
					{
						name: 'Request Code',
						value: 'requestCode',
						action: 'Request a one time verification code',
						description: 'Have Meta send a six-digit code to the number by SMS or voice call',
						routing: requestCode.routing,
					},
					{
						name: 'Verify Code',
						value: 'verifyCode',
						action: 'Verify the code a number received',
						description: 'Confirm the number with the six-digit code it received',
						routing: verifyCode.routing,
					},
				],
			},
			...numberTargetProperties,
			...requestCode.description,
			...verifyCode.description,
		],
	};

	methods = { listSearch };
}
