import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import { searchQrCodes } from './helpers/qrCodeSearch';
import * as create from './operations/create.operation';
import * as deleteQrCode from './operations/delete.operation';
import * as get from './operations/get.operation';
import * as getAll from './operations/getAll.operation';
import * as update from './operations/update.operation';

const operations = [create, deleteQrCode, get, getAll, update];

export class WhatsAppQrCodes implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp QR Codes',
		name: 'whatsAppQrCodes',
		icon: { light: 'file:whatsAppQrCodes.svg', dark: 'file:whatsAppQrCodes.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Create, list, update and delete the QR codes and wa.me short links of a WhatsApp business phone number, with the QR image as binary data',
		defaults: { name: 'WhatsApp QR Codes' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'create', description: 'What to do with the QR codes of the phone number' }),
	};

	methods = { listSearch: { ...listSearch, searchQrCodes } };
}
