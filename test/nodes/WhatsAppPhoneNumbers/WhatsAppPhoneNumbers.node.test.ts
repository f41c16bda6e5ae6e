import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';
import { NODE_TYPE } from './fixtures';

async function loadedNode() {
	const loader = await loadPackage();
	return loader.getNode(NODE_TYPE).type.description as INodeTypeDescription;
}

function operationOptions(description: INodeTypeDescription) {
	const operation = description.properties.find((property) => property.name === 'operation');
	return (operation?.options ?? []) as Array<{ name: string; value: string; action?: string; description?: string }>;
}

/** n8n adds these to every declarative node when it loads it. */
const ADDED_BY_N8N = ['requestOptions'];

/** Every field of this node a user can see, collection options included. */
function visibleFields(properties: INodeProperties[]): INodeProperties[] {
	return properties
		.filter((property) => property.type !== 'hidden' && property.type !== 'notice')
		.filter((property) => !ADDED_BY_N8N.includes(property.name))
		.flatMap((property) => [
			property,
			...(property.type === 'collection' ? visibleFields((property.options ?? []) as INodeProperties[]) : []),
		]);
}

describe('WhatsApp Phone Numbers: editor description', () => {
	it('offers exactly the twenty phone-number operations, each with an action in words', async () => {
		const options = operationOptions(await loadedNode());

		expect(options.map(({ value }) => value).sort()).toEqual(
			[
				'applyOfficialBusinessAccount',
				'changeDisplayName',
				'clearCallbackOverride',
				'create',
				'createFromPreVerified',
				'deleteUsername',
				'deregister',
				'get',
				'getAll',
				'getAllAcrossWabas',
				'getCallbackOverride',
				'getDisplayNameStatus',
				'getHealthStatus',
				'getOfficialBusinessAccountStatus',
				'getUsername',
				'getUsernameSuggestions',
				'migrateFromWaba',
				'register',
				'setCallbackOverride',
				'setUsername',
			].sort(),
		);
		for (const option of options) {
			expect(option.action).toMatch(/^[A-Z][a-z]+ .+/);
			expect(option.description).toBeTruthy();
		}
	});

	it('warns on Register and Deregister about the 10 calls per 72 hours and that the node never retries them', async () => {
		const description = await loadedNode();
		const notices = description.properties.filter((property) => property.name === 'registrationLimitNotice');

		expect(notices.map((notice) => notice.displayOptions?.show?.operation)).toEqual([['deregister', 'register']]);
		for (const notice of notices) {
			expect(notice.displayName).toMatch(/10 register and deregister calls in a rolling 72 hours/);
			expect(notice.displayName).toMatch(/never retries/);
		}
	});

	it('tells on Change Display Name that Meta reviews the name, which webhook announces it, and that Register must follow', async () => {
		const description = await loadedNode();
		const notice = description.properties.find((property) => property.name === 'changeDisplayNameNotice');

		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions?.show?.operation).toEqual(['changeDisplayName']);
		expect(notice?.displayName).toMatch(/Meta reviews the new name/);
		expect(notice?.displayName).toMatch(/phone_number_name_update/);
		expect(notice?.displayName).toMatch(/register the number again within 14 days/);
		expect(notice?.displayName).toMatch(/10 register\/deregister calls per 72 hours/);
		expect(notice?.displayName).toMatch(/never retries/);
	});

	it("offers Get Health Status of a phone number or a WABA only, the objects Meta's health-status page documents", async () => {
		const description = await loadedNode();
		const healthOf = description.properties.find((property) => property.name === 'healthOf');

		expect(healthOf?.options?.map((option) => (option as { value: string }).value)).toEqual(['phoneNumber', 'waba']);
	});

	it.each([
		['phoneNumber', ['healthOf', 'wabaId', 'healthPhoneNumberId']],
		['waba', ['healthOf', 'wabaId']],
	])('on Get Health Status of %s shows only that object\'s locator', async (healthOf, shownNames) => {
		const description = await loadedNode();
		const parameters: INodeParameters = {
			operation: 'getHealthStatus',
			healthOf,
			healthPhoneNumberId: { __rl: true, mode: 'list', value: '' },
		};
		const shown = description.properties.filter(
			(property) =>
				property.displayOptions?.show?.operation?.includes('getHealthStatus') &&
				NodeHelpers.displayParameter(parameters, property, { typeVersion: 1 }, description, parameters),
		);

		expect(shown.map((property) => property.name)).toEqual(shownNames);
		const waba = shown.find((property) => property.name === 'wabaId');
		// For a phone number the WABA only fills the list; for a WABA it is the object read.
		if (waba) expect(waba.required).toBe(healthOf === 'waba');
	});

	it.each([
		['create', 'waba', 'wabaId'],
		['create', 'phoneNumber', 'wabaId'],
		['get', 'waba', 'phoneNumberId'],
	])('keeps the fields of %s when a Health Of value (%s) is left over from Get Health Status', async (operation, healthOf, field) => {
		const description = await loadedNode();
		const parameters: INodeParameters = { operation, healthOf, [field]: { __rl: true, mode: 'id', value: '102290129340398' } };

		const kept = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion: 1 } as never, description);

		expect(kept?.[field]).toEqual({ __rl: true, mode: 'id', value: '102290129340398' });
		expect(kept).not.toHaveProperty('healthOf');
	});

	it('loads the codex with categories, aliases and the Meta documentation', async () => {
		const { codex } = await loadedNode();

		expect(codex?.categories).toEqual(['Communication', 'Development']);
		expect(codex?.alias).toEqual(expect.arrayContaining(['WABA', 'register number', 'phone number', 'display name']));
		expect(codex?.resources?.primaryDocumentation?.map(({ url }) => url)).toEqual([
			'https://github.com/n8n-nodes-whatsapp-phone-numbers/n8n-nodes-whatsapp-phone-numbers/blob/main/docs/nodes/phone-numbers.md',
			'https://developers.facebook.com/docs/whatsapp/business-management-api/manage-phone-numbers',
			'https://developers.facebook.com/docs/whatsapp/cloud-api/reference/registration',
		]);
	});

	it.each(['get', 'getDisplayNameStatus', 'changeDisplayName', 'register', 'deregister'])(
		'on %s shows the WABA that fills the Phone Number list only while the number is picked From List',
		async (operation) => {
			const description = await loadedNode();
			const wabaForList = description.properties.find(
				(property) => property.name === 'wabaId' && property.displayOptions?.show?.operation?.includes(operation),
			) as INodeProperties;
			const shownWith = (mode: string) => {
				const parameters: INodeParameters = { operation, phoneNumberId: { __rl: true, mode, value: '' } };
				return NodeHelpers.displayParameter(parameters, wabaForList, { typeVersion: 1 }, description, parameters);
			};

			expect(wabaForList.required).toBe(false);
			expect(shownWith('list')).toBe(true);
			expect(shownWith('id')).toBe(false);
		},
	);
});
