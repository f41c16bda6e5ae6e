import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../../harness/engine';

let description: INodeTypeDescription;

beforeAll(async () => {
	description = ((await loadPackage()).getNode('whatsAppBusinessProfile').type as INodeType).description;
});

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No property ${name}`);
	return found;
}

const shown = (name: string, parameters: INodeParameters) => NodeHelpers.displayParameter(parameters, property(name), null, description);

describe('WhatsApp Business Profile: description', () => {
	it('offers the four operations, Get Profile first by default', () => {
		const operation = property('operation');
		expect((operation.options as INodePropertyOptions[]).map(({ value }) => value)).toEqual([
			'getConversationalAutomation',
			'getProfile',
			'updateConversationalAutomation',
			'updateProfile',
		]);
		expect(operation.default).toBe('getProfile');
	});

	it("offers Meta's categories as a dropdown in the profile fields", () => {
		const category = (property('profileFields').options as INodeProperties[]).find(({ name }) => name === 'vertical');
		const values = (category?.options as INodePropertyOptions[]).map(({ value }) => value);
		expect(values).toEqual(expect.arrayContaining(['AUTO', 'RETAIL', 'RESTAURANT', 'NOT_A_BIZ', 'OTHER', 'PROF_SERVICES']));
		expect(values).toHaveLength(19);
	});

	it('asks for the binary field only when the photo is uploaded from binary data', () => {
		expect(shown('photoBinaryPropertyName', { operation: 'updateProfile', profilePhoto: 'binary' })).toBe(true);
		expect(shown('photoBinaryPropertyName', { operation: 'updateProfile', profilePhoto: 'keep' })).toBe(false);
		expect(shown('profilePhoto', { operation: 'getProfile' })).toBe(false);
		expect(shown('automationFields', { operation: 'updateConversationalAutomation' })).toBe(true);
	});

	it('gives every parameter a description and is listed in the package', () => {
		const described = description.properties.filter((candidate) => !['hidden', 'notice'].includes(candidate.type) && candidate.name !== 'requestOptions');
		expect(described.filter((candidate) => !candidate.description).map((candidate) => candidate.name)).toEqual([]);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const manifest = require(`${PACKAGE_ROOT}/package.json`) as { n8n: { nodes: string[] } };
		expect(manifest.n8n.nodes).toContain('dist/nodes/WhatsAppBusinessProfile/WhatsAppBusinessProfile.node.js');
	});
});
