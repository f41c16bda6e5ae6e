import type { INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';
import { NODE_TYPE } from './fixtures';

async function loadedNode() {
	return (await loadPackage()).getNode(NODE_TYPE).type.description as INodeTypeDescription;
}

describe('WhatsApp Business Accounts: editor description', () => {
	it('offers Get, Get Many and the three app-subscription operations, each with an action in words', async () => {
		const operation = (await loadedNode()).properties.find((property) => property.name === 'operation');
		const options = (operation?.options ?? []) as Array<{ value: string; action?: string }>;

		expect(options.map(({ value }) => value)).toEqual(['get', 'getAll', 'getSubscribedApps', 'subscribeApp', 'unsubscribeApp']);
		expect(operation?.default).toBe('getAll');
		for (const option of options) expect(option.action).toMatch(/^(Get|Subscribe|Unsubscribe) .+WhatsApp Business Account/);
	});

	it('lets Get Many choose owned, client or both, both by default', async () => {
		const ownership = (await loadedNode()).properties.find((property) => property.name === 'ownership');

		expect(ownership?.default).toBe('both');
		expect((ownership?.options as Array<{ value: string }>).map(({ value }) => value)).toEqual(['both', 'owned', 'client']);
		expect(ownership?.displayOptions?.show?.operation).toEqual(['getAll']);
	});

	it('picks the WABA From List or By ID on Get, and the business portfolio on Get Many', async () => {
		const description = await loadedNode();
		const locatorFor = (name: string) => description.properties.find((property) => property.name === name);

		expect(locatorFor('wabaId')).toMatchObject({ type: 'resourceLocator', required: true, displayOptions: { show: { operation: ['get'] } } });
		expect(locatorFor('businessId')).toMatchObject({ type: 'resourceLocator', required: true, displayOptions: { show: { operation: ['getAll'] } } });
	});

	it('loads the codex with categories, aliases and the documentation of WABAs and health status', async () => {
		const { codex } = await loadedNode();

		expect(codex?.categories).toEqual(['Communication', 'Development']);
		expect(codex?.alias).toEqual(expect.arrayContaining(['WABA', 'client WABA', 'health']));
		expect(codex?.resources?.primaryDocumentation?.map(({ url }) => url)).toEqual([
			'https://github.com/n8n-nodes-whatsapp-phone-numbers/n8n-nodes-whatsapp-phone-numbers/blob/main/docs/nodes/business-accounts.md',
			'https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account',
			'https://developers.facebook.com/docs/whatsapp/cloud-api/health-status',
		]);
	});
});
