import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const USERNAME_PATH = graphPath(`/${PHONE_NUMBER_ID}/username`);

function getUsername() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getUsername', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Username', () => {
	it("reads the number's username and state, keeping Graph's fields and adding the number", async () => {
		graphApi().get(USERNAME_PATH).query({}).reply(200, { username: 'jasper.market', status: 'approved' });

		const { run, items, error } = await getUsername();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ username: 'jasper.market', status: 'approved', hasUsername: true, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('says hasUsername false when Graph omits the username (the number has none)', async () => {
		graphApi().get(USERNAME_PATH).query({}).reply(200, {});

		const { items, error } = await getUsername();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ hasUsername: false, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('explains an unregistered number (133010) and keeps fbtrace_id', async () => {
		graphApi().get(USERNAME_PATH).query({}).reply(400, graphErrorBody(133010, 'Account not registered'));

		const { items, error } = await getUsername();

		expect(items).toEqual([]);
		expect(error?.message).toBe('The phone number is not registered (Account not registered)');
		expect(error?.description).toMatch(/Register it with the WhatsApp Phone Numbers node/);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
