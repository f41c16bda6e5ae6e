import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, WABA_ID } from '../fixtures';

isolateNetwork();

const LIST_PATH = graphPath(`/${WABA_ID}/phone_numbers`);

function createFromPreVerified(extra: Record<string, unknown> = {}) {
	return runNode({
		type: NODE_TYPE,
		parameters: {
			operation: 'createFromPreVerified',
			wabaId: byId(WABA_ID),
			preVerifiedNumberId: byId('6635066806614622'),
			countryCode: '1',
			phoneNumber: '555-078-3881',
			displayName: 'Lucky Shrub',
			...extra,
		},
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Create From Pre-Verified Number', () => {
	it('posts the documented body and outputs the new phoneNumberId, ready for Register', async () => {
		graphApi()
			.post(LIST_PATH, {
				preverified_id: '6635066806614622',
				country_dial_code: '1',
				display_phone_number: '5550783881',
				verified_name: 'Lucky Shrub',
			})
			.query({})
			.reply(200, { id: '108692048990658' });

		const { items, error } = await createFromPreVerified();

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{ id: '108692048990658', phoneNumberId: '108692048990658', preVerifiedNumberId: '6635066806614622' },
		]);
	});

	it('refuses a pre-verified ID that is not numeric before any request', async () => {
		const { items, error } = await createFromPreVerified({ preVerifiedNumberId: byId('={{ "+1 555 078 3881" }}') });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Pre-Verified Number must be a numeric Graph object ID, such as 106540352242922');
	});

	it('takes a phone number written with its country code and sends it without', async () => {
		const graph = graphApi()
			.post(LIST_PATH, {
				preverified_id: '6635066806614622',
				country_dial_code: '1',
				display_phone_number: '5550783881',
				verified_name: 'Lucky Shrub',
			})
			.query({})
			.reply(200, { id: '108692048990658' });

		const { items, error } = await createFromPreVerified({ phoneNumber: '+1 555 078 3881' });

		expect(error).toBeUndefined();
		expect(graph.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([expect.objectContaining({ phoneNumberId: '108692048990658' })]);
	});

	it('refuses a phone number with letters before any request', async () => {
		const { items, error } = await createFromPreVerified({ phoneNumber: '555-SHRUB' });

		expect(items).toEqual([]);
		expect(error?.message).toBe('Phone Number may contain only digits, spaces, +, -, ( and ), such as (631) 555-1234 or +1 631-555-1234');
	});
});
