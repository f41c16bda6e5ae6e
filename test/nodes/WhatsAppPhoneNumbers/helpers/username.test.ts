import { businessUsername, suggestionsIn } from '../../../../nodes/WhatsAppPhoneNumbers/helpers/username';

describe('businessUsername: Meta\'s username rules', () => {
	it.each([
		['abc', 'abc'],
		['a'.repeat(35), 'a'.repeat(35)],
		['@Jasper_Market', 'Jasper_Market'],
		['  jasper.market  ', 'jasper.market'],
		['j4sper.m4rket_2', 'j4sper.m4rket_2'],
		['jasper.community', 'jasper.community'],
	])('accepts %j as %j', (input, expected) => {
		expect(businessUsername.parse(input)).toBe(expected);
	});

	it.each([
		['ab', /3 to 35 characters long \(it has 2\)/],
		['a'.repeat(36), /3 to 35 characters long \(it has 36\)/],
		['jasper market', /only English letters, digits/],
		['jäsper', /only English letters, digits/],
		['123_456', /at least one English letter/],
		['.jasper', /start or end with a period/],
		['jasper.', /start or end with a period/],
		['jas..per', /two periods in a row/],
		['WWWjasper', /must not start with www/],
		['jasper.NET', /web-address ending such as \.net/],
		['jasper.html', /web-address ending such as \.html/],
		['@@jasper', /only English letters, digits/],
	])('refuses %j', (input, message) => {
		const result = businessUsername.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.success ? '' : result.error.issues[0].message).toMatch(message);
	});
});

describe('suggestionsIn', () => {
	it('flattens every entry, once each, ignoring what is not a name', () => {
		expect(suggestionsIn({ data: [{ username_suggestions: ['a.b', 'c_d'] }, { username_suggestions: ['c_d', 7, 'e'] }, {}] })).toEqual(['a.b', 'c_d', 'e']);
		expect(suggestionsIn({})).toEqual([]);
	});
});
