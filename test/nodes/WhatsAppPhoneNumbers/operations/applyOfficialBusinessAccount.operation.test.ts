import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const OBA_PATH = graphPath(`/${PHONE_NUMBER_ID}/official_business_account`);
const LINKS = [1, 2, 3, 4, 5].map((n) => `https://news${n}.example.com/2026/lucky-shrub`);
const FULL_INPUT = {
	businessWebsiteUrl: ' https://www.luckyshrub.com ',
	primaryCountryOfOperation: 'United States of America',
	primaryLanguage: 'English',
	supportingLinks: `${LINKS.join('\n')}\n`,
	parentBusinessOrBrand: 'Lucky Shrub LLC',
	additionalSupportingInformation: 'Also featured in Planet Succulent',
};

function apply(input: Record<string, unknown>) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'applyOfficialBusinessAccount', wabaId: byId(WABA_ID), phoneNumberId: byId(PHONE_NUMBER_ID), ...input },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Apply for Official Business Account', () => {
	it("posts Meta's fields as JSON with the bearer token, and outputs that the request was received, not approved, and the 30-day rule", async () => {
		const scope = graphApi()
			.post(OBA_PATH, {
				business_website_url: 'https://www.luckyshrub.com',
				primary_country_of_operation: 'United States of America',
				primary_language: 'English',
				supporting_links: LINKS,
				parent_business_or_brand: 'Lucky Shrub LLC',
				additional_supporting_information: 'Also featured in Planet Succulent',
			})
			.query({})
			.reply(200, { success: true });

		const { items, error } = await apply(FULL_INPUT);

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		const [output] = jsonOf(items);
		expect(output).toEqual({ success: true, phoneNumberId: PHONE_NUMBER_ID, reapplyAfterRejectionDays: 30, nextSteps: expect.any(String) });
		expect(output.nextSteps).toMatch(/not that it approved it/);
		expect(output.nextSteps).toMatch(/Get Official Business Account Status/);
		expect(output.nextSteps).toMatch(/only 30 days later/);
		expect(JSON.stringify(output)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('sends only the website and the country when the optional fields are empty', async () => {
		const scope = graphApi()
			.post(OBA_PATH, { business_website_url: 'https://www.luckyshrub.com', primary_country_of_operation: 'Brazil' })
			.query({})
			.reply(200, { success: true });

		const { items, error } = await apply({ businessWebsiteUrl: 'https://www.luckyshrub.com', primaryCountryOfOperation: 'Brazil' });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ success: true, phoneNumberId: PHONE_NUMBER_ID });
	});

	it('accepts the supporting links as an array from an expression', async () => {
		const scope = graphApi()
			.post(OBA_PATH, (body) => JSON.stringify(body.supporting_links) === JSON.stringify(LINKS))
			.query({})
			.reply(200, { success: true });

		const { error } = await apply({ ...FULL_INPUT, supportingLinks: `={{ ${JSON.stringify(LINKS)} }}` });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['a website without https', { businessWebsiteUrl: 'http://www.luckyshrub.com' }, 'Business Website URL must be a full https:// address, such as https://www.example.com', /^Received "http:\/\/www\.luckyshrub\.com"\. Enter the full website address starting with https:\/\//],
		['a country of only spaces', { primaryCountryOfOperation: '   ' }, 'Primary Country of Operation must not be empty', /Enter the country name/],
		['four supporting links', { supportingLinks: LINKS.slice(0, 4).join('\n') }, 'Supporting Links must hold 5 to 10 links; 4 given', /Enter 5 to 10 different https:\/\/ links, one per line/],
		['eleven supporting links', { supportingLinks: [...LINKS, ...LINKS.map((link) => `${link}/more`), 'https://x.example.com'].join(',') }, 'Supporting Links must hold 5 to 10 links; 11 given', /Enter 5 to 10/],
		['a supporting link without https', { supportingLinks: [...LINKS.slice(0, 4), 'www.news.example.com/a'].join('\n') }, 'Supporting Links must be https:// addresses; "www.news.example.com/a" is not', /Enter 5 to 10/],
		['a repeated supporting link', { supportingLinks: [...LINKS.slice(0, 4), LINKS[0]].join('\n') }, 'Supporting Links must not repeat a link', /Enter 5 to 10/],
		['a parent brand of 256 characters', { parentBusinessOrBrand: 'P'.repeat(256) }, 'Parent Business or Brand must be at most 255 characters', /Correct the "Parent Business or Brand" field/],
		['additional information of 1001 characters', { additionalSupportingInformation: 'I'.repeat(1001) }, 'Additional Supporting Information must be at most 1000 characters', /Correct the "Additional Supporting Information" field/],
		['a phone-number ID with letters (from an expression)', { phoneNumberId: byId('={{ "1065403522429ab" }}') }, 'Phone Number must be a numeric Graph object ID, such as 106540352242922', /Correct the "Phone Number" field/],
	])('refuses %s before any request, naming the field, the problem and the fix', async (_case, change, message, description) => {
		const scope = graphApi().post(OBA_PATH).query(true).reply(200, { success: true });

		const { items, error } = await apply({ ...FULL_INPUT, ...change });

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(description);
	});

	it('sends the request once after a temporary server error and says it was not repeated and how to check it', async () => {
		const calls = { count: 0 };
		graphApi()
			.post(OBA_PATH)
			.query({})
			.times(4)
			.reply(() => {
				calls.count++;
				return [500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true })];
			});

		const { items, error } = await apply(FULL_INPUT);

		expect(calls.count).toBe(1);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/temporary server error/);
		expect(error?.description).toMatch(/not repeated/);
		expect(error?.description).toMatch(/accepts a new one only 30 days later/);
	});

	it("passes on Meta's refusal of a request within 30 days of a rejection with Meta's message and trace ID", async () => {
		graphApi()
			.post(OBA_PATH)
			.query({})
			.reply(400, graphErrorBody(100, '(#100) The Official Business Account request for this phone number was rejected; a new request is possible after 2026-03-31T12:00:00+0000'));

		const { items, error } = await apply(FULL_INPUT);

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/a new request is possible after 2026-03-31/);
		expect(error?.description).toMatch(/Graph error 100, fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
