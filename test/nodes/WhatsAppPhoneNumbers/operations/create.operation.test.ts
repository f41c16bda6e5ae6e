import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const LIST_PATH = graphPath(`/${WABA_ID}/phone_numbers`);

function create(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: {
			operation: 'create',
			wabaId: byId(WABA_ID),
			countryCode: '+1',
			phoneNumber: '(631) 555-1234',
			displayName: ' Jasper Market ',
			...extra,
		},
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Create', () => {
	it('posts cc, phone_number and verified_name as digits and trimmed text, and outputs the new phoneNumberId', async () => {
		graphApi()
			.post(LIST_PATH, { cc: '1', phone_number: '6315551234', verified_name: 'Jasper Market' })
			.query({})
			.reply(200, { id: '108692048990658' });

		const { items, error } = await create();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ id: '108692048990658', phoneNumberId: '108692048990658' }]);
	});

	it.each(['+1 631-555-1234', '+1 (631) 555 1234', '631.555.1234'])(
		'takes the number as people write it (%s) and sends it without the country code',
		async (phoneNumber) => {
			const graph = graphApi()
				.post(LIST_PATH, { cc: '1', phone_number: '6315551234', verified_name: 'Jasper Market' })
				.query({})
				.reply(200, { id: '108692048990658' });

			const { items, error } = await create({ countryCode: '1', phoneNumber });

			expect(error).toBeUndefined();
			expect(graph.isDone()).toBe(true);
			expect(jsonOf(items)).toEqual([{ id: '108692048990658', phoneNumberId: '108692048990658' }]);
		},
	);

	it('refuses a number written with another country code than Country Code, before any request', async () => {
		const { items, error } = await create({ countryCode: '1', phoneNumber: '+44 20 7946 0000' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Phone Number does not start with Country Code +1');
		expect(error?.description).toBe(
			'Received "+44 20 7946 0000". Give the number without its country code, such as 631 555 1234, or correct Country Code.',
		);
	});

	it('refuses a country code with letters before any request', async () => {
		const { items, error } = await create({ countryCode: 'US' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Country Code must be the country calling code, 1 to 4 digits, such as 1 or +44');
	});

	it('refuses an empty display name before any request', async () => {
		const { items, error } = await create({ displayName: '   ' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Display Name must not be empty');
	});

	it('refuses a display name longer than 512 characters before any request, as Change Display Name does', async () => {
		const { items, error } = await create({ displayName: 'J'.repeat(513) });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Display Name must be at most 512 characters');
		expect(error?.description).toMatch(/Correct the "Display Name" field/);
	});

	it('explains that Meta would not add the number (200000)', async () => {
		graphApi()
			.post(LIST_PATH, { cc: '1', phone_number: '6315551234', verified_name: 'Jasper Market' })
			.query({})
			.reply(400, graphErrorBody(200000, 'Phone number cannot be added'));

		const { items, error } = await create();

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The phone number cannot be added to this WhatsApp Business Account (Phone number cannot be added)',
		);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
