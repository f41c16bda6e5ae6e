import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const LIST_PATH = graphPath(`/${WABA_ID}/phone_numbers`);
const MIGRATION_BODY = { cc: '1', phone_number: '6315557001', migrate_phone_number: true };

function migrate(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: {
			operation: 'migrateFromWaba',
			wabaId: byId(WABA_ID),
			countryCode: '+1',
			phoneNumber: '(631) 555-7001',
			...extra,
		},
		credentials: testCredentials,
	});
}

/** Answers the migration request with a Graph error and runs the node. */
async function refusedWith(code: number, message: string, extra: Record<string, unknown> = {}) {
	graphApi().post(LIST_PATH, MIGRATION_BODY).query({}).reply(400, graphErrorBody(code, message, extra));
	return migrate();
}

describe('WhatsApp Phone Numbers: Migrate From Another WABA', () => {
	it('posts cc and phone_number as digits with migrate_phone_number true to the destination WABA, and outputs phoneNumberId with the next steps', async () => {
		graphApi().post(LIST_PATH, MIGRATION_BODY).query({}).reply(200, { id: '108692048990777' });

		const { items, error } = await migrate();

		expect(error).toBeUndefined();
		const [output] = jsonOf(items);
		expect(output).toEqual({ id: '108692048990777', phoneNumberId: '108692048990777', nextSteps: expect.any(String) });
		expect(output.nextSteps).toMatch(/Request Code and then Verify Code on phoneNumberId .*then Register/);
	});

	it('is sent once: a server error is not retried, and the error says why', async () => {
		graphApi().post(LIST_PATH, MIGRATION_BODY).query({}).reply(500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true }));

		const { items, error } = await migrate();

		expect(items).toEqual([]);
		expect(error?.description).toMatch(/sent once and not repeated: a repeat could start a second migration of the number/);
	});

	it('says two-step verification is still on in the current WABA when Meta refuses for that reason', async () => {
		const { items, error } = await refusedWith(100, 'Two-step authentication must be disabled for this phone number.');

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Migration refused: two-step verification is still on for this number in its current WABA/);
		expect(error?.description).toMatch(/turn two-step verification off/);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
	});

	it('says the destination WABA is not approved when Meta refuses for that reason', async () => {
		const { error } = await refusedWith(100, 'Invalid parameter', {
			error_user_msg: 'The destination WhatsApp Business account has not been approved (account_review_status PENDING).',
		});

		expect(error?.message).toMatch(/^Migration refused: the destination WABA is not approved/);
		expect(error?.description).toMatch(/review status is APPROVED/);
	});

	it("says the destination's business portfolio is not verified when Meta refuses for that reason", async () => {
		const { error } = await refusedWith(100, 'Business verification must be completed before migrating a phone number.');

		expect(error?.message).toMatch(/^Migration refused: the destination WABA's business portfolio is not verified/);
		expect(error?.description).toMatch(/Complete business verification/);
	});

	it('says the number is already in the destination WABA on subcode 2388012', async () => {
		const { error } = await refusedWith(100, 'Invalid parameter', { error_subcode: 2388012 });

		expect(error?.message).toMatch(/^Migration refused: the number is already in the destination WABA/);
	});

	it('says to subscribe the app to the destination WABA when Meta says webhooks are not set up', async () => {
		const { error } = await refusedWith(100, 'Webhooks have not been set up for the destination WhatsApp Business account.');

		expect(error?.message).toMatch(/^Migration refused: the app is not subscribed to the destination WABA's webhooks/);
		expect(error?.description).toMatch(/Subscribe App/);
	});

	it('says to use Create when the number is not on another WABA', async () => {
		const { error } = await refusedWith(100, 'This phone number is eligible to be added directly, and does not need to use phone migration APIs.');

		expect(error?.message).toMatch(/^Migration refused: this number is not registered on another WABA/);
		expect(error?.description).toMatch(/Create/);
	});

	it('leaves other Graph errors to the general table (an expired token)', async () => {
		const { error } = await refusedWith(190, 'Error validating access token');

		expect(error?.message).toMatch(/^The access token was rejected by Meta/);
	});

	it('refuses a country code with letters before any request', async () => {
		const { items, error } = await migrate({ countryCode: 'US' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Country Code must be the country calling code, 1 to 4 digits, such as 1 or +44');
	});

	it('refuses a phone number with letters before any request', async () => {
		const { items, error } = await migrate({ phoneNumber: '631-CALL-NOW' });

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Phone Number may contain only digits/);
	});

	it('refuses a WABA ID with letters, given by an expression, before any request', async () => {
		// An expression passes the editor's check; the node's own validation must catch it.
		const { items, error } = await migrate({ wabaId: byId('={{ "waba-one" }}') });

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/must be a numeric Graph object ID/);
	});
});
