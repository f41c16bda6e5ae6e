import { CLAIMED_PENDING_NUMBER_ID, CONNECTED_NUMBER_ID, graphError, UNVERIFIED_NUMBER_ID, useSandbox } from './helpers';

const LINKS = [1, 2, 3, 4, 5].map((n) => `https://news${n}.example.com/2026/acme`);
const REQUEST = {
	business_website_url: 'https://www.acme.example',
	primary_country_of_operation: 'United States of America',
	primary_language: 'English',
	supporting_links: LINKS,
};

describe('Graph sandbox: Official Business Account', () => {
	const { graph, dev, sandbox } = useSandbox();

	const apply = (body: unknown = REQUEST, id = CONNECTED_NUMBER_ID) =>
		graph(`/${id}/official_business_account`, { method: 'POST', json: body });
	const status = async (id = CONNECTED_NUMBER_ID) =>
		(await graph(`/${id}?fields=official_business_account,is_official_business_account`)).body;

	it('reads NOT_STARTED, takes a request as PENDING (counted as POST /{phone_number}/official_business_account) and keeps what was sent', async () => {
		expect(await status()).toEqual({ id: CONNECTED_NUMBER_ID, official_business_account: { oba_status: 'NOT_STARTED' }, is_official_business_account: false });

		expect((await apply()).body).toEqual({ success: true });

		expect(await status()).toEqual({ id: CONNECTED_NUMBER_ID, official_business_account: { oba_status: 'PENDING' }, is_official_business_account: false });
		expect((await graph(`/${CONNECTED_NUMBER_ID}/official_business_account`)).body).toEqual({ id: CONNECTED_NUMBER_ID, oba_status: 'PENDING' });
		expect(sandbox.counts.endpoints['POST /{phone_number}/official_business_account']).toBe(1);
		const stored = sandbox.state.phoneNumbers.find((phone: { id: string }) => phone.id === CONNECTED_NUMBER_ID);
		expect(stored.sandbox.official_business_account_request).toMatchObject({ business_website_url: 'https://www.acme.example/', supporting_links: LINKS.map((link) => `${link}`) });
	});

	it('refuses a second request while one is under review, and makes an approved number an Official Business Account', async () => {
		await apply();
		const again = graphError(await apply());
		expect(again.code).toBe(100);
		expect(again.message).toMatch(/already under review/);

		expect((await dev('/oba-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'APPROVED' })).body).toEqual({ id: CONNECTED_NUMBER_ID, oba_status: 'APPROVED' });
		expect(await status()).toMatchObject({ official_business_account: { oba_status: 'APPROVED' }, is_official_business_account: true });
		expect(graphError(await apply()).message).toMatch(/already an Official Business Account/);
	});

	it('accepts a new request only 30 days after a rejection', async () => {
		await apply();
		await dev('/oba-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'REJECTED' });
		expect((await status()).official_business_account).toEqual({ oba_status: 'REJECTED' });

		sandbox.advance({ days: 29 });
		const tooSoon = graphError(await apply());
		expect(tooSoon.code).toBe(100);
		expect(tooSoon.message).toMatch(/rejected; a new request is possible after 2026-03-31T12:00:00\+0000/);

		sandbox.advance({ days: 1 });
		expect((await apply()).body).toEqual({ success: true });
	});

	it('refuses a number whose display name is not approved, or without two-step verification', async () => {
		expect(graphError(await apply(REQUEST, CLAIMED_PENDING_NUMBER_ID)).message).toMatch(/display name .* must be approved/);
		// Approved without review, and no PIN set.
		sandbox.world.phones.get(UNVERIFIED_NUMBER_ID).name_status = 'APPROVED';
		expect(graphError(await apply(REQUEST, UNVERIFIED_NUMBER_ID)).message).toMatch(/Two-step verification must be enabled/);
	});

	it.each([
		['no website', { ...REQUEST, business_website_url: undefined }, /business_website_url is required/],
		['a website that is not a URL', { ...REQUEST, business_website_url: 'acme' }, /business_website_url must be a valid URL/],
		['no country', { ...REQUEST, primary_country_of_operation: undefined }, /primary_country_of_operation is required/],
		['four supporting links', { ...REQUEST, supporting_links: LINKS.slice(0, 4) }, /between 5 and 10 items/],
		['eleven supporting links', { ...REQUEST, supporting_links: [...LINKS, ...LINKS, LINKS[0]] }, /between 5 and 10 items/],
		['a supporting link that is not a URL', { ...REQUEST, supporting_links: [...LINKS.slice(0, 4), 'acme news'] }, /supporting_links\[4\] must be a valid URL/],
		['a parent brand of 256 characters', { ...REQUEST, parent_business_or_brand: 'A'.repeat(256) }, /at most 255 characters/],
		['additional information of 1001 characters', { ...REQUEST, additional_supporting_information: 'A'.repeat(1001) }, /at most 1000 characters/],
	])('refuses a request with %s with error 100 and leaves the status as it was', async (_case, body, message) => {
		const refused = graphError(await apply(body));
		expect(refused.code).toBe(100);
		expect(refused.message).toMatch(message);
		expect((await status()).official_business_account).toEqual({ oba_status: 'NOT_STARTED' });
	});
});
