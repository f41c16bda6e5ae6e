import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { BUSINESS_ID, byId, NODE_TYPE, noBody, PRE_VERIFIED_ID, recordUnexpectedRequests } from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

const DAY_MS = 86_400_000;

describe('WhatsApp Pre-Verified Numbers: Add', () => {
	it('sends POST /<BUSINESS_ID>/add_phone_numbers?phone_number=<digits> for a formatted number and outputs the pre-verified ID, awaiting verification for 90 days', async () => {
		graphApi()
			.post(graphPath(`/${BUSINESS_ID}/add_phone_numbers`), noBody)
			.query({ phone_number: '15550783881' })
			.reply(200, { id: PRE_VERIFIED_ID });

		const before = Date.now();
		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'add', businessId: byId(BUSINESS_ID), phoneNumber: '+1 (555) 078-3881' },
			credentials: testCredentials,
		});
		const after = Date.now();

		expect(error).toBeUndefined();
		const [added] = jsonOf(items);
		expect(items).toHaveLength(1);
		expect(added).toEqual({
			id: PRE_VERIFIED_ID,
			preVerifiedNumberId: PRE_VERIFIED_ID,
			phone_number: '15550783881',
			addedAt: expect.any(String),
			lifecycle: {
				state: 'awaiting verification',
				isVerified: false,
				canReverifyNow: true,
				verifiedAt: null,
				expiresAt: null,
				reverifyWindowOpensAt: null,
				daysUntilExpiry: null,
				poolRemovalAt: expect.any(String),
				summary: expect.stringMatching(/^Never verified; it will be removed from the pool on \d{4}-\d{2}-\d{2} \(in 90 days\) unless verified\.$/),
			},
		});
		const addedAt = Date.parse(String(added.addedAt));
		expect(addedAt).toBeGreaterThanOrEqual(before);
		expect(addedAt).toBeLessThanOrEqual(after);
		expect(Date.parse((added.lifecycle as { poolRemovalAt: string }).poolRemovalAt)).toBe(addedAt + 90 * DAY_MS);
	});

	it('refuses a number too short to carry a country code, naming the field, before any request', async () => {
		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'add', businessId: byId(BUSINESS_ID), phoneNumber: '555' },
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'Phone Number must have 8 to 15 digits including the country code, such as +1 631 555 1234',
		);
		expect(error?.description).toBe('Received "555". Correct the "Phone Number" field and run the node again.');
		expect(unexpectedRequests).toEqual([]);
	});

	it('refuses a business portfolio ID that is not numeric before any request', async () => {
		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'add', businessId: byId('={{ "acme" }}'), phoneNumber: '+1 555 078 3881' },
			credentials: testCredentials,
		});

		expect(error?.message).toBe('Business Portfolio must be a numeric Graph object ID, such as 106540352242922');
		expect(unexpectedRequests).toEqual([]);
	});
});
