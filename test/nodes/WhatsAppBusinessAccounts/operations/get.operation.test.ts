import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, DEFAULT_FIELDS, NODE_TYPE, WABA_ID, waba } from '../fixtures';

isolateNetwork();

function get(parameters: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'get', wabaId: byId(WABA_ID), ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Business Accounts: Get', () => {
	it('reads name, currency, timezone, review and verification status and health, naming the ID and summarising the health', async () => {
		const account = waba(WABA_ID, 'Acme Support', {
			health_status: { can_send_message: 'AVAILABLE', entities: [{ entity_type: 'WABA', id: WABA_ID, can_send_message: 'AVAILABLE' }] },
		});
		graphApi().get(graphPath(`/${WABA_ID}`)).query({ fields: DEFAULT_FIELDS }).reply(200, account);

		const { items, error } = await get();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ ...account, wabaId: WABA_ID, healthSummary: 'WABA Acme Support (102290129340398) can send messages (AVAILABLE).' },
		]);
	});

	it('asks for the chosen and typed fields only, and adds no health summary without health_status', async () => {
		const account = { id: WABA_ID, ownership_type: 'CLIENT_OWNED', owner_business_info: { id: '561234567890123', name: 'Jasper LLC' } };
		graphApi()
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: 'id,ownership_type,owner_business_info{id,name}' })
			.reply(200, account);

		const { items, error } = await get({ options: { fields: ['id', 'ownership_type'], additionalFieldNames: 'owner_business_info{id,name}, id' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ ...account, wabaId: WABA_ID }]);
	});

	it('refuses a WABA ID with letters before any request, naming the field', async () => {
		const scope = graphApi().get(/.*/).query(true).reply(200, {});

		const { items, error } = await get({ wabaId: byId('={{ "WABA-1022" }}') });

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe('WhatsApp Business Account must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toMatch(/^Received "WABA-1022"\. Correct the "WhatsApp Business Account" field\. Copy the WhatsApp Business Account ID/);
	});

	it('explains a missing permission with what to grant', async () => {
		graphApi()
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: DEFAULT_FIELDS })
			.reply(403, graphErrorBody(200, '(#200) Requires business_management permission to manage the object'));

		const { items, error } = await get();

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^The access token lacks a permission for this object/);
		expect(error?.description).toMatch(/business_management/);
	});
});
