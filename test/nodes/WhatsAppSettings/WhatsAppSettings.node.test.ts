import type { INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';

let description: INodeTypeDescription;

beforeAll(async () => {
	description = ((await loadPackage()).getNode('whatsAppSettings').type as INodeType).description;
});

function property(name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`No property ${name}`);
	return found;
}

function shown(name: string, parameters: INodeParameters): boolean {
	return NodeHelpers.displayParameter(parameters, property(name), null, description);
}

describe('WhatsApp Settings: description', () => {
	it('shows the optional WABA only while the phone number is picked from the list', () => {
		expect(shown('wabaId', { operation: 'getSettings', phoneNumberId: { __rl: true, mode: 'list', value: '' } })).toBe(true);
		expect(shown('wabaId', { operation: 'getSettings', phoneNumberId: { __rl: true, mode: 'id', value: '1' } })).toBe(false);
		expect(property('wabaId').required).toBe(false);
	});

	it('shows the two-step notice and the PIN only for Set Two-Step Verification PIN', () => {
		const notice = property('twoStepPinNotice');
		expect(notice.displayName).toMatch(/cannot be turned off through the API/);
		expect(notice.displayName).toMatch(/needed to register the number again and to delete it/);
		expect(shown('twoStepPinNotice', { operation: 'setTwoStepPin' })).toBe(true);
		expect(shown('twoStepPinNotice', { operation: 'getSettings' })).toBe(false);
		expect(property('pin').typeOptions?.password).toBe(true);
	});

	it('points the identity check notice to error 137000 and the trigger', () => {
		const notice = property('identityChangeCheckNotice');
		expect(notice.displayName).toMatch(/137000/);
		expect(notice.displayName).toMatch(/WhatsApp Phone Number Trigger/);
		expect(shown('identityChangeCheckNotice', { operation: 'setIdentityChangeCheck' })).toBe(true);
	});

	it('says on Set Local Storage that the number must not be registered, and shows the region only when storage is on', () => {
		const notice = property('localStorageNotice');
		expect(notice.displayName).toMatch(/only while the number is not registered/);
		expect(notice.displayName).toMatch(/10 calls per number in 72 hours/);
		expect(shown('localStorageNotice', { operation: 'setLocalStorage' })).toBe(true);
		expect(shown('localStorageNotice', { operation: 'getLocalStorage' })).toBe(false);
		expect(shown('dataLocalizationRegion', { operation: 'setLocalStorage', localStorage: 'enabled' })).toBe(true);
		expect(shown('dataLocalizationRegion', { operation: 'setLocalStorage', localStorage: 'disabled' })).toBe(false);
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
