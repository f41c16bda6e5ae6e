import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import * as add from './operations/add.operation';
import * as deleteNumber from './operations/delete.operation';
import * as findClaimed from './operations/findClaimed.operation';
import * as get from './operations/get.operation';
import * as getDueForReverification from './operations/getDueForReverification.operation';
import * as getEmbeddedSignupIds from './operations/getEmbeddedSignupIds.operation';
import * as getAll from './operations/getAll.operation';
import * as getPartners from './operations/getPartners.operation';
import * as requestCode from './operations/requestCode.operation';
import * as share from './operations/share.operation';
import * as unshare from './operations/unshare.operation';
import * as verifyCode from './operations/verifyCode.operation';

const operations = [
	add,
	deleteNumber,
	findClaimed,
	get,
	getDueForReverification,
	getEmbeddedSignupIds,
	getAll,
	getPartners,
	requestCode,
	share,
	unshare,
	verifyCode,
];

export class WhatsAppPreVerifiedNumbers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Pre-Verified Numbers',
		name: 'whatsAppPreVerifiedNumbers',
		icon: { light: 'file:whatsAppPreVerifiedNumbers.svg', dark: 'file:whatsAppPreVerifiedNumbers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Manage a pool of pre-verified WhatsApp numbers for Embedded Signup: add, verify, re-verify before expiry, share, and find claimed numbers',
		defaults: { name: 'WhatsApp Pre-Verified Numbers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getDueForReverification', description: 'What to do with the pool of pre-verified numbers' }),
	};

	methods = { listSearch };
}
