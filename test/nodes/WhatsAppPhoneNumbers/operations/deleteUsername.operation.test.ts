import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const USERNAME_PATH = graphPath(`/${PHONE_NUMBER_ID}/username`);

function deleteUsername() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'deleteUsername', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Delete Username', () => {
	it('sends DELETE /<PHONE_NUMBER_ID>/username and outputs success, the state deleted and the number', async () => {
		graphApi().delete(USERNAME_PATH).query({}).reply(200, { success: true });

		const { items, error } = await deleteUsername();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ status: 'deleted', success: true, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('repeats the delete after a transient error: deleting twice leaves no username all the same', async () => {
		graphApi().delete(USERNAME_PATH).query({}).reply(500, graphErrorBody(131000, 'Something went wrong', { is_transient: true }));
		graphApi().delete(USERNAME_PATH).query({}).reply(200, { success: true });

		const { items, error } = await deleteUsername();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ status: 'deleted', success: true, phoneNumberId: PHONE_NUMBER_ID }]);
	});
});
