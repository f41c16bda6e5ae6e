import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import * as changeDisplayName from '../../../nodes/WhatsAppPhoneNumbers/operations/changeDisplayName.operation';
import * as createFromPreVerified from '../../../nodes/WhatsAppPhoneNumbers/operations/createFromPreVerified.operation';
import * as register from '../../../nodes/WhatsAppPhoneNumbers/operations/register.operation';
import * as setTwoStepPin from '../../../nodes/WhatsAppSettings/operations/setTwoStepPin.operation';
import * as verifyCode from '../../../nodes/WhatsAppVerification/operations/verifyCode.operation';
import { loadPackage } from '../../harness/engine';

const ACTION_NODES = ['whatsAppPhoneNumbers', 'whatsAppPreVerifiedNumbers', 'whatsAppVerification', 'whatsAppSettings', 'whatsAppBusinessAccounts', 'whatsAppBusinessProfile'];

async function descriptionOf(type: string): Promise<INodeTypeDescription> {
	return (await loadPackage()).getNode(type).type.description as INodeTypeDescription;
}

function operationOptions(description: INodeTypeDescription): INodePropertyOptions[] {
	return (description.properties.find((property) => property.name === 'operation')?.options ?? []) as INodePropertyOptions[];
}

describe.each(ACTION_NODES)('action node skeleton: %s', (type) => {
	it('lists its operations alphabetically, each with an action, a description and the Graph runner on its routing', async () => {
		const options = operationOptions(await descriptionOf(type));

		expect(options.map(({ name }) => name)).toEqual([...options.map(({ name }) => name)].sort((a, b) => a.localeCompare(b)));
		for (const option of options) {
			expect(option.action).toMatch(/^[A-Z][a-z]+ .+/);
			expect(option.description).toBeTruthy();
			expect(option.routing?.send?.paginate).toBe(true);
			expect(typeof option.routing?.operations?.pagination).toBe('function');
		}
	});

	it('names every operation in words in the subtitle', async () => {
		const description = await descriptionOf(type);

		for (const { name, value } of operationOptions(description)) {
			expect(description.subtitle).toContain(`${JSON.stringify(value)}:${JSON.stringify(name)}`);
		}
	});

	it('carries the credential and no request defaults: the one sender sets every request, and n8n would evaluate each default per item', async () => {
		const description = await descriptionOf(type);

		expect(description.credentials).toEqual([{ name: 'whatsAppBusinessManagementApi', required: true }]);
		expect(description.requestDefaults).toEqual({});
		expect(description.usableAsTool).toBe(true);
	});

	it('declares each field once, shown for every operation that uses it', async () => {
		const description = await descriptionOf(type);
		const fields = description.properties.filter((property) => property.name !== 'operation');
		// The same field may appear twice only when the two are different fields for different operations.
		const byNameAndOperations = fields.map(
			(property: INodeProperties) => `${property.name} ${JSON.stringify(property.displayOptions?.show ?? {})}`,
		);

		expect(new Set(byNameAndOperations).size).toBe(byNameAndOperations.length);
		// A locator may have a copy only for operations that never show the original (a target switch).
		for (const name of ['phoneNumberId', 'preVerifiedNumberId']) {
			const operations = fields
				.filter((property) => property.name === name)
				.flatMap((property) => (property.displayOptions?.show?.operation as string[] | undefined) ?? []);
			expect(new Set(operations).size).toBe(operations.length);
		}
	});

	it('offers a Timeout in seconds in the node settings, 30 by default', async () => {
		const timeout = (await descriptionOf(type)).properties.find((property) => property.name === 'timeoutSeconds');

		expect(timeout).toMatchObject({ type: 'number', default: 30, isNodeSetting: true, typeOptions: { minValue: 1 } });
		expect(timeout?.description).toMatch(/Reads are tried again after a timeout; a write is not/);
	});
});

describe('action node skeleton: one version per node', () => {
	it('gives every action node one version and one operation list, Get Many being `getAll` everywhere', async () => {
		for (const type of ['whatsAppPhoneNumbers', 'whatsAppPreVerifiedNumbers', 'whatsAppBusinessAccounts', 'whatsAppQrCodes']) {
			const description = await descriptionOf(type);
			const operations = description.properties.filter((property) => property.name === 'operation');
			const values = (operations[0].options as INodePropertyOptions[]).map(({ value }) => value);

			expect(description.version).toBe(1);
			expect(operations).toHaveLength(1);
			expect(operations[0].displayOptions).toBeUndefined();
			expect(values).toContain('getAll');
			expect(values).not.toContain('getMany');
		}
	});
});

describe('action node skeleton: field order', () => {
	it.each([
		['whatsAppPhoneNumbers', createFromPreVerified],
		// Its notice comes first, though an earlier operation already placed the fields after it.
		['whatsAppPhoneNumbers', register],
		['whatsAppPhoneNumbers', changeDisplayName],
		['whatsAppVerification', verifyCode],
		['whatsAppSettings', setTwoStepPin],
	])('shows the fields of %s in the order its operation lists them, though other operations list them first', async (type, operation) => {
		const description = await descriptionOf(type);
		const shown = description.properties
			.filter((property) => property.name !== 'operation')
			.filter((property) => (property.displayOptions?.show?.operation as string[] | undefined)?.includes(operation.option.value))
			.map((property) => property.name);

		expect(shown).toEqual(operation.properties.map((property) => property.name));
	});
});
