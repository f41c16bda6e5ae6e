import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const NUMBER_PATH = graphPath(`/${PHONE_NUMBER_ID}`);

function changeDisplayName(newDisplayName: string) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'changeDisplayName', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID), newDisplayName },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Change Display Name', () => {
	it('posts new_display_name in the query with the bearer token, and outputs the requested name and the next steps', async () => {
		const scope = graphApi()
			.post(NUMBER_PATH, (body) => body === '' || Object.keys(body).length === 0)
			.query({ new_display_name: 'Jasper Market & Deli' })
			.reply(200, { success: true });

		const { items, error } = await changeDisplayName('  Jasper Market & Deli ');

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const [output] = jsonOf(items);
		expect(output).toEqual({
			success: true,
			phoneNumberId: PHONE_NUMBER_ID,
			new_display_name: 'Jasper Market & Deli',
			nextSteps: expect.any(String),
		});
		expect(output.nextSteps).toMatch(/Meta reviews the new name/);
		expect(output.nextSteps).toMatch(/phone_number_name_update/);
		expect(output.nextSteps).toMatch(/Get Display Name Status & Certificate/);
		expect(output.nextSteps).toMatch(/register the number again \(Register\) within 14 days/);
		expect(output.nextSteps).toMatch(/10 calls per number in 72 hours/);
		expect(JSON.stringify(output)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('refuses an empty name before any request: n8n itself names the required field', async () => {
		const scope = graphApi().post(NUMBER_PATH).query(true).reply(200, { success: true });

		await expect(changeDisplayName('')).rejects.toThrow(/Parameter "New Display Name" is required/);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
	});

	it.each([
		['an expression that resolves to nothing', '={{ $json.missingName ?? "" }}', 'New Display Name must not be empty', /^"New Display Name" is empty\. Enter the new display name/],
		['only spaces', '   ', 'New Display Name must not be empty', /^Received " {3}"\. Enter the new display name, 1 to 512 characters/],
		['513 characters long', 'A'.repeat(513), 'New Display Name must be at most 512 characters', /^Received "A{513}"\. Enter the new display name/],
	])('refuses a name that is %s before any request, naming the field and the fix', async (_case, name, message, description) => {
		const scope = graphApi().post(NUMBER_PATH).query(true).reply(200, { success: true });

		const { items, error } = await changeDisplayName(name);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(description);
	});

	it('accepts a name of exactly 512 characters', async () => {
		const name = 'B'.repeat(512);
		graphApi().post(NUMBER_PATH).query({ new_display_name: name }).reply(200, { success: true });

		const { items, error } = await changeDisplayName(name);

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({ success: true, new_display_name: name });
	});

	it('sends the change once after a temporary server error and says it was not repeated and how to check it', async () => {
		const calls = { count: 0 };
		graphApi()
			.post(NUMBER_PATH)
			.query({ new_display_name: 'Jasper Market' })
			.times(4)
			.reply(() => {
				calls.count++;
				return [500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true })];
			});

		const { items, error } = await changeDisplayName('Jasper Market');

		expect(calls.count).toBe(1);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/temporary server error/);
		expect(error?.description).toMatch(/not repeated/);
		expect(error?.description).toMatch(/10 display-name changes per number in 30 days/);
	});

	it("passes on Meta's refusal of an 11th change in 30 days with Meta's own message", async () => {
		graphApi()
			.post(NUMBER_PATH)
			.query({ new_display_name: 'Jasper Market' })
			.reply(400, graphErrorBody(100, '(#100) The display name of this phone number was changed 10 times in the last 30 days'));

		const { items, error } = await changeDisplayName('Jasper Market');

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/changed 10 times in the last 30 days/);
		expect(error?.description).toMatch(/Graph error 100, fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
