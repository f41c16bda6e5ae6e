import type { INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';

const ONE_TIME_CODE_FIELDS = ['codeMethod', 'language', 'customLanguage', 'code'];

async function oneTimeCodeFieldsOf(nodeType: string): Promise<INodeProperties[]> {
	const { properties } = ((await loadPackage()).getNode(nodeType).type as INodeType).description;
	// Fields of different operations are never shown together, so their order across operations is free.
	return properties
		.filter((property) => ONE_TIME_CODE_FIELDS.includes(property.name))
		.sort((a, b) => ONE_TIME_CODE_FIELDS.indexOf(a.name) - ONE_TIME_CODE_FIELDS.indexOf(b.name));
}

describe('One-time code fields', () => {
	it('are the same in the Verification and the Pre-Verified Numbers nodes, down to their display rules', async () => {
		const verification = await oneTimeCodeFieldsOf('whatsAppVerification');
		const preVerified = await oneTimeCodeFieldsOf('whatsAppPreVerifiedNumbers');

		expect(verification.map((property) => property.name)).toEqual(ONE_TIME_CODE_FIELDS);
		expect(preVerified).toEqual(verification);
	});

	it('hide the one-time code in the editor, like the two-step PIN', async () => {
		for (const nodeType of ['whatsAppVerification', 'whatsAppPreVerifiedNumbers']) {
			const code = (await oneTimeCodeFieldsOf(nodeType)).find((property) => property.name === 'code');
			expect(code?.typeOptions).toEqual({ password: true });
		}
	});
});
