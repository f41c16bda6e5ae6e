import type { INodeParameters } from 'n8n-workflow';

import { jsonOf, runNode } from '../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../harness/graphMock';

isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

const SETTINGS = {
	calling: { status: 'DISABLED' },
	storage_configuration: { status: 'DEFAULT' },
	user_identity_change: { enable_identity_key_check: true },
};

async function runSettings(parameters: INodeParameters) {
	return await runNode({ type: 'whatsAppSettings', parameters, credentials: testCredentials });
}

describe('WhatsApp Settings: Get Settings', () => {
	it('reads /<PHONE_NUMBER_ID>/settings and outputs them as Meta sends them, with the phone-number ID', async () => {
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/settings`)).query({}).reply(200, SETTINGS);

		const { items, error } = await runSettings({ operation: 'getSettings', phoneNumberId });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, ...SETTINGS }]);
	});

	it('runs with a number picked from the list without the WABA that only fills that list', async () => {
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/settings`)).query({}).reply(200, SETTINGS);

		const { items, error } = await runSettings({
			operation: 'getSettings',
			phoneNumberId: { __rl: true, mode: 'list', value: PHONE_NUMBER_ID },
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, ...SETTINGS }]);
	});
});

describe('WhatsApp Settings: Set Identity Change Check', () => {
	it.each([true, false])('posts enable_identity_key_check %s and outputs the new value', async (enabled) => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}/settings`), {
				user_identity_change: { enable_identity_key_check: enabled },
			})
			.query({})
			.reply(200, { success: true });

		const { items, error } = await runSettings({
			operation: 'setIdentityChangeCheck',
			phoneNumberId,
			identityKeyCheckEnabled: enabled,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ success: true, phoneNumberId: PHONE_NUMBER_ID, identityKeyCheckEnabled: enabled },
		]);
	});
});

describe('WhatsApp Settings: Get Identity Change Check', () => {
	it.each([
		['the documented enable_identity_key_check', { enable_identity_key_check: true }, true],
		["the OpenAPI's enabled", { enabled: true }, true],
		['a disabled check', { enable_identity_key_check: false }, false],
	])('reads %s from the settings', async (_shape, userIdentityChange, expected) => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}/settings`))
			.query({})
			.reply(200, { calling: { status: 'DISABLED' }, user_identity_change: userIdentityChange });

		const { items, error } = await runSettings({ operation: 'getIdentityChangeCheck', phoneNumberId });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, identityKeyCheckEnabled: expected }]);
	});

	it('reads the check as off when the number never set it (it is opt-in)', async () => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}/settings`))
			.query({})
			.reply(200, { calling: { status: 'DISABLED' } });

		const { items } = await runSettings({ operation: 'getIdentityChangeCheck', phoneNumberId });

		expect(jsonOf(items)).toEqual([{ phoneNumberId: PHONE_NUMBER_ID, identityKeyCheckEnabled: false }]);
	});
});
