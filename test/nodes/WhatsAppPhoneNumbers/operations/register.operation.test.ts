import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const REGISTER_PATH = graphPath(`/${PHONE_NUMBER_ID}/register`);
const PIN = '482913';

function register(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'register', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID), pin: PIN, ...extra },
		credentials: testCredentials,
	});
}

/** Answers every register call with the same Graph error and counts how many arrived. */
function failEveryRegisterCall(status: number, body: object) {
	const calls = { count: 0 };
	graphApi()
		.post(REGISTER_PATH, { messaging_product: 'whatsapp', pin: PIN })
		.query({})
		.times(4)
		.reply(() => {
			calls.count++;
			return [status, body];
		});
	return calls;
}

describe('WhatsApp Phone Numbers: Register', () => {
	it('posts messaging_product and the PIN, and outputs success with the phone-number ID but never the PIN', async () => {
		graphApi()
			.post(REGISTER_PATH, { messaging_product: 'whatsapp', pin: PIN })
			.query({})
			.reply(200, { success: true });

		const { run, items, error } = await register();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(JSON.stringify(run)).not.toContain(PIN);
	});

	it('sends the chosen data localization region', async () => {
		graphApi()
			.post(REGISTER_PATH, { messaging_product: 'whatsapp', pin: PIN, data_localization_region: 'IN' })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await register({ options: { dataLocalizationRegion: 'IN' } });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it.each([
		['five digits', '12345', /^Correct the "Two-Step Verification PIN" field/],
		['letters', 'abcdef', /^Correct the "Two-Step Verification PIN" field/],
		['an expression that resolves to nothing', '={{ $json.missingPin ?? "" }}', /^"Two-Step Verification PIN" is empty/],
	])('refuses a PIN of %s before any request, naming the PIN field', async (_case, badPin, explanation) => {
		const scope = graphApi().post(REGISTER_PATH).query(true).reply(200, { success: true });

		const { items, error } = await register({ pin: badPin });

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe('Two-Step Verification PIN must be exactly 6 digits, such as 123456');
		// The PIN is a secret: the error names the field but never echoes the value.
		expect(error?.description).toMatch(explanation);
		expect(error?.description).not.toMatch(/Received/);
	});

	it('refuses an empty PIN before any request: n8n itself names the required PIN field', async () => {
		const scope = graphApi().post(REGISTER_PATH).query(true).reply(200, { success: true });

		await expect(register({ pin: '' })).rejects.toThrow(/Parameter "Two-Step Verification PIN" is required/);

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
	});

	it('on 133016 sends exactly one request and says when the 72-hour block ends', async () => {
		const calls = failEveryRegisterCall(
			400,
			graphErrorBody(133016, 'Account register deregister rate limit exceeded', { is_transient: true }),
		);

		const { items, error } = await register();

		expect(calls.count).toBe(1);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/limit of 10 register\/deregister calls in 72 hours/);
		expect(error?.description).toMatch(/blocks further register and deregister calls on this number for 72 hours/);
		expect(error?.description).toMatch(/Try again after \d{4}-\d{2}-\d{2}T/);
	});

	it('never retries a register call, even after a transient server error', async () => {
		const calls = failEveryRegisterCall(500, graphErrorBody(131000, 'Something went wrong', { is_transient: true }));

		const { error } = await register();

		expect(calls.count).toBe(1);
		nock.cleanAll();
		expect(error?.message).toMatch(/temporary server error/);
		// Says only what happened: sent once, and why; not that it was retried.
		expect(error?.description).toBe(
			'Run the node again in a few minutes. Graph error 131000, fbtrace_id AbCdEfGhIjK_fbtrace. The request was sent once and not repeated: each register or deregister call counts against the limit of 10 per 72 hours.',
		);
	});

	it("on 133005 says the PIN does not match the number's two-step PIN", async () => {
		graphApi()
			.post(REGISTER_PATH, { messaging_product: 'whatsapp', pin: PIN })
			.query({})
			.reply(400, graphErrorBody(133005, 'Two step verification PIN Mismatch'));

		const { items, error } = await register();

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			"The PIN does not match the number's two-step verification PIN (Two step verification PIN Mismatch)",
		);
		expect(error?.description).toMatch(/Use the current two-step PIN/);
	});

	it('keeps fbtrace_id of a Graph error and shows neither the access token nor the PIN', async () => {
		graphApi()
			.post(REGISTER_PATH, { messaging_product: 'whatsapp', pin: PIN })
			.query({})
			.reply(
				400,
				graphErrorBody(100, `Invalid parameter pin=${PIN} for token ${TEST_ACCESS_TOKEN}`, {
					fbtrace_id: 'Reg_fbtrace_42',
				}),
			);

		const { run, error } = await register();

		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toMatch(/fbtrace_id Reg_fbtrace_42/);
		const everything = JSON.stringify(run);
		expect(everything).toContain('Reg_fbtrace_42');
		expect(everything).not.toContain(TEST_ACCESS_TOKEN);
		// The PIN is a node parameter, so n8n keeps it in the node's own definition (error.node,
		// the execution stack) like the workflow does; everything else must not carry it.
		const withoutNodeDefinitions = JSON.stringify(run, (key, value) => (key === 'node' ? undefined : value));
		expect(withoutNodeDefinitions).toContain('Reg_fbtrace_42');
		expect(withoutNodeDefinitions).not.toContain(PIN);
	});
});
