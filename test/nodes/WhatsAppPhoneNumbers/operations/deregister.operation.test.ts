import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID } from '../fixtures';

isolateNetwork();

const DEREGISTER_PATH = graphPath(`/${PHONE_NUMBER_ID}/deregister`);

function deregister() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'deregister', phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Deregister', () => {
	it('posts to /deregister with an empty body and outputs success with the phone-number ID', async () => {
		graphApi()
			.post(DEREGISTER_PATH, (body) => body === '')
			.query({})
			.reply(200, { success: true });

		const { items, error } = await deregister();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('on 133016 sends exactly one request and explains the 72-hour limit', async () => {
		let calls = 0;
		graphApi()
			.post(DEREGISTER_PATH)
			.query({})
			.times(4)
			.reply(() => {
				calls++;
				return [400, graphErrorBody(133016, 'Account register deregister rate limit exceeded')];
			});

		const { items, error } = await deregister();

		expect(calls).toBe(1);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/limit of 10 register\/deregister calls in 72 hours/);
		expect(error?.description).toMatch(/never retries this call/);
	});
});
