import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runSettings } from '../fixtures';

isolateNetwork();

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
