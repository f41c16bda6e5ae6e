import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const SUGGESTIONS_PATH = graphPath(`/${PHONE_NUMBER_ID}/username_suggestions`);

function getSuggestions() {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getUsernameSuggestions', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Username Suggestions', () => {
	it("gives one item with Graph's answer and its suggestions as one flat list", async () => {
		const answer = { data: [{ username_suggestions: ['jaspers.market', 'jasper_market'] }, { username_suggestions: ['jasper_market', 'jaspermkt'] }] };
		graphApi().get(SUGGESTIONS_PATH).query({}).reply(200, answer);

		const { items, error } = await getSuggestions();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ ...answer, usernameSuggestions: ['jaspers.market', 'jasper_market', 'jaspermkt'], phoneNumberId: PHONE_NUMBER_ID },
		]);
	});

	it('gives an empty list when Meta reserved none', async () => {
		graphApi().get(SUGGESTIONS_PATH).query({}).reply(200, { data: [] });

		const { items } = await getSuggestions();

		expect(jsonOf(items)).toEqual([{ data: [], usernameSuggestions: [], phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('explains a number that is not eligible for a username (147002)', async () => {
		graphApi().get(SUGGESTIONS_PATH).query({}).reply(400, graphErrorBody(147002, 'Account is not eligible'));

		const { error } = await getSuggestions();

		expect(error?.message).toBe('This phone number is not eligible for a username (Account is not eligible)');
		expect(error?.description).toMatch(/registered and in good standing/);
	});
});
