import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';

let description: INodeTypeDescription;

beforeAll(async () => {
	description = ((await loadPackage()).getNode('whatsAppVerification').type as INodeType).description;
});

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No property ${name}`);
	return found;
}

function shown(name: string, parameters: INodeParameters): boolean {
	return NodeHelpers.displayParameter(parameters, property(name), null, description);
}

const listMode = { __rl: true, mode: 'list', value: '' };
const idMode = { __rl: true, mode: 'id', value: '1' };

describe('WhatsApp Verification: description', () => {
	it('shows the phone-number locator, and the WABA only for its list, for a business phone number', () => {
		const parameters = { operation: 'requestCode', numberType: 'phoneNumber', phoneNumberId: listMode, preVerifiedNumberId: listMode };
		expect(shown('phoneNumberId', parameters)).toBe(true);
		expect(shown('wabaId', parameters)).toBe(true);
		expect(shown('wabaId', { ...parameters, phoneNumberId: idMode })).toBe(false);
		expect(shown('preVerifiedNumberId', parameters)).toBe(false);
		expect(shown('businessId', parameters)).toBe(false);
	});

	it('shows the pre-verified locator, and the business portfolio only for its list, for a pre-verified number', () => {
		const parameters = { operation: 'requestCode', numberType: 'preVerifiedNumber', phoneNumberId: listMode, preVerifiedNumberId: listMode };
		expect(shown('preVerifiedNumberId', parameters)).toBe(true);
		expect(shown('businessId', parameters)).toBe(true);
		expect(shown('businessId', { ...parameters, preVerifiedNumberId: idMode })).toBe(false);
		expect(shown('phoneNumberId', parameters)).toBe(false);
		expect(shown('wabaId', parameters)).toBe(false);
		expect([property('wabaId').required, property('businessId').required]).toEqual([false, false]);
	});

	it('offers common locales and free entry for the language', () => {
		const locales = (property('language').options as Array<{ value: string }>).map((option) => option.value);
		expect(locales).toEqual(expect.arrayContaining(['en_US', 'en_GB', 'pt_BR', 'es_ES', 'es_MX', 'id_ID', 'th_TH', 'hi_IN', 'ar', 'custom']));
		expect(shown('customLanguage', { operation: 'requestCode', language: 'custom' })).toBe(true);
		expect(shown('customLanguage', { operation: 'requestCode', language: 'en_US' })).toBe(false);
	});

	it('gives every operation an action and every parameter a description, and can run as a tool', () => {
		const operations = property('operation').options as Array<{ action?: string }>;
		expect(operations.every((operation) => !!operation.action)).toBe(true);
		// n8n adds `requestOptions` (batching, proxy…) to declarative nodes itself.
		const described = description.properties.filter(
			(candidate) => !['hidden', 'notice'].includes(candidate.type) && candidate.name !== 'requestOptions',
		);
		expect(described.filter((candidate) => !candidate.description).map((candidate) => candidate.name)).toEqual([]);
		expect(description.usableAsTool).toBe(true);
	});
});
