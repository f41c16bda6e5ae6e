import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch } from '../shared/listSearch';
import { graphApiNode, graphRequestProperty } from '../shared/transport';
import * as add from './operations/add.operation';
import * as deleteNumber from './operations/delete.operation';
import * as findClaimed from './operations/findClaimed.operation';
import * as get from './operations/get.operation';
import * as getDueForReverification from './operations/getDueForReverification.operation';
import * as getEmbeddedSignupIds from './operations/getEmbeddedSignupIds.operation';
import * as getMany from './operations/getMany.operation';
import * as getPartners from './operations/getPartners.operation';
import * as requestCode from './operations/requestCode.operation';
import * as share from './operations/share.operation';
import * as unshare from './operations/unshare.operation';
import * as verifyCode from './operations/verifyCode.operation';


export class WhatsAppPreVerifiedNumbers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Pre-Verified Numbers',
		name: 'whatsAppPreVerifiedNumbers',
		icon: { light: 'file:whatsAppPreVerifiedNumbers.svg', dark: 'file:whatsAppPreVerifiedNumbers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Manage a pool of pre-verified WhatsApp numbers for Embedded Signup: add, verify, re-verify before expiry, share, and find claimed numbers',
		defaults: { name: 'WhatsApp Pre-Verified Numbers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode,
		properties: [
			graphRequestProperty,
			// eslint-disable-next-line @n8n/community-nodes/resource-operation-pattern -- one resource, the pool; its lifecycle steps read best as one list
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'getDueForReverification',
				options: [
					{
						name: 'Add',
						value: 'add',
						action: 'Add a number to the preverified pool',
						description: 'Add a phone number to the pool; verify it next with Request Code and Verify Code',
						routing: add.routing,
					},
					{
						name: 'Delete',
						value: 'delete',
						action: 'Delete a preverified number',
						description: 'Remove a number from the pool',
						routing: deleteNumber.routing,
					},
					{
						name: 'Find Claimed',
						value: 'findClaimed',
						action: 'Find claimed preverified numbers',
						description:
							'Find pool numbers a client claimed onto a WABA, with the new phone-number ID and the 90-day registration deadline',
						routing: findClaimed.routing,
					},
					{
						name: 'Get',
						value: 'get',
						action: 'Get a preverified number',
						description: 'Read one pre-verified number with its verification times and computed lifecycle',
						routing: get.routing,
					},
					{
						name: 'Get Due for Re-Verification',
						value: 'getDueForReverification',
						action: 'List numbers due for reverification',
						description:
							'List only the numbers to verify now: re-verification window open, lapsed, or never verified; each says why',
						routing: getDueForReverification.routing,
					},
					{
						name: 'Get Embedded Signup IDs',
						value: 'getEmbeddedSignupIds',
						action: 'Get verified numbers for embedded signup',
						description:
							'One item with the IDs of the pool’s verified numbers, shaped for extras.setup.preVerifiedPhone in Embedded Signup',
						routing: getEmbeddedSignupIds.routing,
					},
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many preverified numbers',
						description: 'List the pool with each number’s verification times and computed lifecycle, one call per page',
						routing: getMany.routing,
					},
					{
						name: 'Get Partners',
						value: 'getPartners',
						action: 'Get the partners a number is shared with',
						description: 'List the partner businesses a pre-verified number is shared with, one item per partner',
						routing: getPartners.routing,
					},
					{
						name: 'Request Code',
						value: 'requestCode',
						action: 'Request a one time verification code',
						description: 'Have Meta send a one-time code to the number by SMS or voice call',
						routing: requestCode.routing,
					},
					{
						name: 'Share',
						value: 'share',
						action: 'Share a preverified number with a partner',
						description: 'Let a partner of your multi-partner solution offer the number in its Embedded Signup',
						routing: share.routing,
					},
					{
						name: 'Unshare',
						value: 'unshare',
						action: 'Unshare a preverified number from a partner',
						description: 'Stop a partner from offering the number in its Embedded Signup',
						routing: unshare.routing,
					},
					{
						name: 'Verify Code',
						value: 'verifyCode',
						action: 'Verify the one time code a preverified number received',
						description: 'Verify the number with its one-time code; it then stays verified for 90 days',
						routing: verifyCode.routing,
					},
				],
			},
			...add.description,
			...deleteNumber.description,
			...findClaimed.description,
			...get.description,
			...getDueForReverification.description,
			...getEmbeddedSignupIds.description,
			...getMany.description,
			...getPartners.description,
			...requestCode.description,
			...share.description,
			...unshare.description,
			...verifyCode.description,
		],
	};

	methods = { listSearch };
}
