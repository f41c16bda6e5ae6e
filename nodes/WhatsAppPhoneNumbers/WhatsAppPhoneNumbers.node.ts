import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { graphApiNode, operationSubtitle } from '../shared/actionNode';
import { listSearch } from '../shared/listSearch';
import { getBusinessWabas } from './helpers/acrossWabas';
import * as applyOfficialBusinessAccount from './operations/applyOfficialBusinessAccount.operation';
import * as changeDisplayName from './operations/changeDisplayName.operation';
import * as clearCallbackOverride from './operations/clearCallbackOverride.operation';
import * as create from './operations/create.operation';
import * as createFromPreVerified from './operations/createFromPreVerified.operation';
import * as deleteUsername from './operations/deleteUsername.operation';
import * as deregister from './operations/deregister.operation';
import * as get from './operations/get.operation';
import * as getAll from './operations/getAll.operation';
import * as getAllAcrossWabas from './operations/getAllAcrossWabas.operation';
import * as getCallbackOverride from './operations/getCallbackOverride.operation';
import * as getDisplayNameStatus from './operations/getDisplayNameStatus.operation';
import * as getHealthStatus from './operations/getHealthStatus.operation';
import * as getOfficialBusinessAccountStatus from './operations/getOfficialBusinessAccountStatus.operation';
import * as getUsername from './operations/getUsername.operation';
import * as getUsernameSuggestions from './operations/getUsernameSuggestions.operation';
import * as migrateFromWaba from './operations/migrateFromWaba.operation';
import * as register from './operations/register.operation';
import * as setCallbackOverride from './operations/setCallbackOverride.operation';
import * as setUsername from './operations/setUsername.operation';

const operations = [
	applyOfficialBusinessAccount,
	changeDisplayName,
	clearCallbackOverride,
	create,
	createFromPreVerified,
	deleteUsername,
	deregister,
	get,
	getAll,
	getAllAcrossWabas,
	getCallbackOverride,
	getDisplayNameStatus,
	getHealthStatus,
	getOfficialBusinessAccountStatus,
	getUsername,
	getUsernameSuggestions,
	migrateFromWaba,
	register,
	setCallbackOverride,
	setUsername,
];

export class WhatsAppPhoneNumbers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Phone Numbers',
		name: 'whatsAppPhoneNumbers',
		icon: { light: 'file:whatsAppPhoneNumbers.svg', dark: 'file:whatsAppPhoneNumbers.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description: 'List (one WABA or a whole portfolio), inspect, create, migrate, rename, register and deregister WhatsApp Business phone numbers, check their messaging health, apply for the blue badge, manage their usernames and route their webhooks',
		defaults: { name: 'WhatsApp Phone Numbers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...graphApiNode({ operations, default: 'getAll', description: 'What to do with business phone numbers' }),
	};

	methods = { listSearch, loadOptions: { getBusinessWabas } };
}
