import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const USERNAME_PATH = graphPath(`/${PHONE_NUMBER_ID}/username`);

function setUsername(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'setUsername', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID), username: 'jasper.market', ...extra },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Set Username', () => {
	it('posts only the username (no transfer by default) and outputs the username, its state and the number', async () => {
		graphApi().post(USERNAME_PATH, (body) => JSON.stringify(body) === JSON.stringify({ username: 'jasper.market' })).query({}).reply(200, { status: 'reserved' });

		const { run, items, error } = await setUsername();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ username: 'jasper.market', status: 'reserved', transferRequested: false, phoneNumberId: PHONE_NUMBER_ID },
		]);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('sends transfer_action force_transfer only when the transfer is turned on, and drops a leading @', async () => {
		graphApi()
			.post(USERNAME_PATH, { username: 'Jasper_Market', transfer_action: 'force_transfer' })
			.query({})
			.reply(200, { status: 'approved' });

		const { items, error } = await setUsername({ username: ' @Jasper_Market ', transferFromOtherNumber: true });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ username: 'Jasper_Market', status: 'approved', transferRequested: true, phoneNumberId: PHONE_NUMBER_ID },
		]);
	});

	it.each([
		['ab', 'Username must be 3 to 35 characters long (it has 2)'],
		['jasper-market', 'Username may contain only English letters, digits, periods (.) and underscores (_)'],
		['2026', 'Username must contain at least one English letter'],
		['jasper.', 'Username must not start or end with a period'],
		['jasper..market', 'Username must not contain two periods in a row'],
		['www.jasper', 'Username must not start with www'],
		['jaspermarket.com', 'Username must not end with a web-address ending such as .com'],
	])('refuses %s before any request, naming the field and the rule', async (username, message) => {
		const scope = graphApi().post(USERNAME_PATH).query(true).reply(200, { status: 'reserved' });

		const { items, error } = await setUsername({ username });

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toBe(
			`Received "${username}". Enter a username such as jasper.market in "Username"; Get Username Suggestions lists the ones Meta reserved for this business.`,
		);
	});

	it('on 147005 says another number of the portfolio holds it and how the transfer moves it', async () => {
		graphApi()
			.post(USERNAME_PATH, { username: 'jasper.market' })
			.query({})
			.reply(400, graphErrorBody(147005, 'Use force_transfer to move the username'));

		const { error } = await setUsername();

		expect(error?.message).toBe('Another phone number of this business portfolio holds this username (Use force_transfer to move the username)');
		expect(error?.description).toMatch(/turn on "Move From Another Number of the Portfolio".*the other number then loses the username/);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
	});

	it('on 147001 says the username is not available', async () => {
		graphApi().post(USERNAME_PATH, { username: 'jasper.market' }).query({}).reply(400, graphErrorBody(147001, 'Username is not available'));

		const { error } = await setUsername();

		expect(error?.message).toBe('This username is not available (Username is not available)');
	});

	it('sends the claim once, even after a transient error, and says how to check whether it arrived', async () => {
		const calls = { count: 0 };
		graphApi()
			.post(USERNAME_PATH, { username: 'jasper.market' })
			.query({})
			.times(3)
			.reply(() => {
				calls.count++;
				return [500, graphErrorBody(131000, 'Something went wrong', { is_transient: true })];
			});

		const { error } = await setUsername();

		expect(calls.count).toBe(1);
		nock.cleanAll();
		expect(error?.message).toMatch(/temporary server error/);
		expect(error?.description).toMatch(/sent once and not repeated: a username claim can go through even when its answer is lost/);
	});
});
