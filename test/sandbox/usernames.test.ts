import { CLAIMED_PENDING_NUMBER_ID, CONNECTED_NUMBER_ID, FLAGGED_NUMBER_ID, graphError, useSandbox } from './helpers';

/** A connected number of another business portfolio (Harbor Bakery). */
const OTHER_PORTFOLIO_NUMBER_ID = '110011223344556';

describe('Graph sandbox: business usernames', () => {
	const { graph, sandbox } = useSandbox();

	const usernameOf = async (id: string) => (await graph(`/${id}/username`)).body;
	const claim = (id: string, json: Record<string, unknown>) => graph(`/${id}/username`, { method: 'POST', json });

	it('reads no username, claims one as reserved, reads it back, deletes it, and counts the calls', async () => {
		expect(await usernameOf(CONNECTED_NUMBER_ID)).toEqual({});

		expect((await claim(CONNECTED_NUMBER_ID, { username: 'acme.support' })).body).toEqual({ status: 'reserved' });
		expect(await usernameOf(CONNECTED_NUMBER_ID)).toEqual({ username: 'acme.support', status: 'reserved' });

		expect((await graph(`/${CONNECTED_NUMBER_ID}/username`, { method: 'DELETE' })).body).toEqual({ success: true });
		expect(await usernameOf(CONNECTED_NUMBER_ID)).toEqual({});
		expect(sandbox.counts.endpoints).toMatchObject({
			'GET /{phone_number}/username': 3,
			'POST /{phone_number}/username': 1,
			'DELETE /{phone_number}/username': 1,
		});
	});

	it('answers approved where usernames are already visible', async () => {
		sandbox.world.settings.usernamesVisible = true;
		expect((await claim(CONNECTED_NUMBER_ID, { username: 'acme_support' })).body).toEqual({ status: 'approved' });
	});

	it.each([
		['two characters', 'ab', /3 to 35 characters/],
		['36 characters', `a${'b'.repeat(35)}`, /3 to 35 characters/],
		['a hyphen', 'acme-support', /English letters, digits, periods and underscores/],
		['digits only', '12345', /at least one English letter/],
		['a leading period', '.acme', /start or end with a period/],
		['two periods in a row', 'acme..support', /consecutive periods/],
		['www first', 'wwwacme', /must not start with www/],
		['a domain ending', 'acme.com', /domain suffix/],
	])('refuses a username with %s with error 100', async (_case, username, message) => {
		const error = graphError(await claim(CONNECTED_NUMBER_ID, { username }));

		expect(error.code).toBe(100);
		expect(error.message).toMatch(message);
		expect(await usernameOf(CONNECTED_NUMBER_ID)).toEqual({});
	});

	it('keeps a username on one number of the portfolio unless the transfer is asked for, and then moves it', async () => {
		await claim(CONNECTED_NUMBER_ID, { username: 'acme' });

		const refused = graphError(await claim(FLAGGED_NUMBER_ID, { username: 'ACME' }));
		expect(refused.code).toBe(147005);
		expect(graphError(await claim(FLAGGED_NUMBER_ID, { username: 'acme', transfer_action: 'none' })).code).toBe(147005);

		expect((await claim(FLAGGED_NUMBER_ID, { username: 'acme', transfer_action: 'force_transfer' })).body).toEqual({ status: 'reserved' });
		expect(await usernameOf(FLAGGED_NUMBER_ID)).toEqual({ username: 'acme', status: 'reserved' });
		expect(await usernameOf(CONNECTED_NUMBER_ID)).toEqual({});
	});

	it('refuses a username of another portfolio (147001) even with a transfer, and names Meta holds back', async () => {
		await claim(OTHER_PORTFOLIO_NUMBER_ID, { username: 'harbor.bakery' });

		expect(graphError(await claim(CONNECTED_NUMBER_ID, { username: 'harbor.bakery', transfer_action: 'force_transfer' })).code).toBe(147001);
		expect(graphError(await claim(CONNECTED_NUMBER_ID, { username: 'WhatsApp' })).code).toBe(147001);
	});

	it('refuses an unregistered number (133010), an ineligible one (147002) and an unknown transfer_action (100)', async () => {
		expect(graphError(await claim(CLAIMED_PENDING_NUMBER_ID, { username: 'acme.new' })).code).toBe(133010);
		sandbox.world.phones.get(CONNECTED_NUMBER_ID).sandbox.usernameEligible = false;
		expect(graphError(await claim(CONNECTED_NUMBER_ID, { username: 'acme.new' })).code).toBe(147002);
		const error = graphError(await claim(FLAGGED_NUMBER_ID, { username: 'acme.new', transfer_action: 'steal' }));
		expect(error.code).toBe(100);
		expect(error.message).toMatch(/transfer_action must be one of \{none, force_transfer\}/);
	});

	it("suggests the names reserved for the business, leaving out ones another number holds", async () => {
		expect((await graph(`/${CONNECTED_NUMBER_ID}/username_suggestions`)).body).toEqual({
			data: [{ username_suggestions: ['acmeonboardingpartners', 'acme_onboarding_partners', 'acme.onboarding.partners'] }],
		});
		await claim(FLAGGED_NUMBER_ID, { username: 'acme_onboarding_partners' });
		expect((await graph(`/${CONNECTED_NUMBER_ID}/username_suggestions`)).body).toEqual({
			data: [{ username_suggestions: ['acmeonboardingpartners', 'acme.onboarding.partners'] }],
		});
	});
});
