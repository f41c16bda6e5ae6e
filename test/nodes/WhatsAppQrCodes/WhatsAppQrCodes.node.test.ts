import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';

let description: INodeTypeDescription;

beforeAll(async () => {
	description = ((await loadPackage()).getNode('whatsAppQrCodes').type as INodeType).description;
});

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No property ${name}`);
	return found;
}

function shown(name: string, parameters: INodeParameters): boolean {
	return NodeHelpers.displayParameter(parameters, property(name), null, description);
}

describe('WhatsApp QR Codes: description', () => {
	it('offers the five operations in alphabetical order, Create by default', () => {
		const operation = property('operation');
		expect((operation.options as Array<{ name: string }>).map(({ name }) => name)).toEqual(['Create', 'Delete', 'Get', 'Get Many', 'Update']);
		expect(operation.default).toBe('create');
	});

	it('shows the image choice on Create and Get only, and the binary field only when an image is wanted', () => {
		for (const operation of ['create', 'get']) expect(shown('imageFormat', { operation })).toBe(true);
		for (const operation of ['getAll', 'update', 'delete']) expect(shown('imageFormat', { operation })).toBe(false);
		expect(shown('binaryPropertyName', { operation: 'create', imageFormat: 'PNG' })).toBe(true);
		expect(shown('binaryPropertyName', { operation: 'get', imageFormat: 'none' })).toBe(false);
		expect(property('binaryPropertyName').default).toBe('data');
	});

	it('asks for the prefilled message on Create and Update, and for the code everywhere but Create and Get Many', () => {
		expect(shown('prefilledMessage', { operation: 'create' })).toBe(true);
		expect(shown('prefilledMessage', { operation: 'update' })).toBe(true);
		expect(shown('prefilledMessage', { operation: 'get' })).toBe(false);
		for (const operation of ['get', 'update', 'delete']) expect(shown('qrCode', { operation })).toBe(true);
		for (const operation of ['create', 'getAll']) expect(shown('qrCode', { operation })).toBe(false);
		expect((property('qrCode').modes ?? []).map(({ name }) => name)).toEqual(['list', 'id', 'url']);
	});

	it('warns before Delete that printed codes stop working', () => {
		expect(property('deleteNotice').displayName).toMatch(/printed copies included/);
		expect(shown('deleteNotice', { operation: 'delete' })).toBe(true);
		expect(shown('deleteNotice', { operation: 'update' })).toBe(false);
	});

	it('gives every operation an action and every parameter a description, and can run as a tool', () => {
		const operations = property('operation').options as Array<{ action?: string }>;
		expect(operations.every((operation) => !!operation.action)).toBe(true);
		const described = description.properties.filter(
			(candidate) => !['hidden', 'notice'].includes(candidate.type) && candidate.name !== 'requestOptions',
		);
		expect(described.filter((candidate) => !candidate.description).map((candidate) => candidate.name)).toEqual([]);
		expect(description.usableAsTool).toBe(true);
	});
});
