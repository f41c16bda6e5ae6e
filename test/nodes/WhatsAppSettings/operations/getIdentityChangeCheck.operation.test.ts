import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings } from '../fixtures';

isolateNetwork();

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
