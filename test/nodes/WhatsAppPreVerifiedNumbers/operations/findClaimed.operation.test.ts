import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { BUSINESS_ID, byId, graphTimeInDays, isoOf, NODE_TYPE, recordUnexpectedRequests, WABA_ID } from '../fixtures';

isolateNetwork();
const unexpectedRequests = recordUnexpectedRequests();

const POOL_PATH = graphPath(`/${BUSINESS_ID}/preverified_numbers`);
const WABA_NUMBERS_PATH = graphPath(`/${WABA_ID}/phone_numbers`);
const WABA_FIELDS = 'id,display_phone_number,code_verification_status,status,last_onboarded_time';

function page(path: string, data: object[], after?: string) {
	return {
		data,
		paging: after ? { cursors: { after }, next: `https://graph.facebook.com${path}?after=${after}` } : {},
	};
}

describe('WhatsApp Pre-Verified Numbers: Find Claimed', () => {
	it('matches +1 211-555-5105 with 12115555105 in one paginated pass over each list, ignoring unclaimed numbers', async () => {
		const unclaimedPool = Array.from({ length: 99 }, (_, index) => ({
			id: `${800000 + index}`,
			phone_number: `1444555${String(index).padStart(4, '0')}`,
		}));
		const claimedPoolNumber = { id: '106540352242922', phone_number: '12115555105' };
		const secondClaimedPoolNumber = { id: '106540352242923', phone_number: '+44 7700 900123' };
		graphApi()
			.get(POOL_PATH)
			.query({ fields: 'id,phone_number', limit: 100 })
			.reply(200, page(POOL_PATH, [...unclaimedPool, claimedPoolNumber], 'POOL1'));
		graphApi()
			.get(POOL_PATH)
			.query({ fields: 'id,phone_number', limit: 100, after: 'POOL1' })
			.reply(200, page(POOL_PATH, [secondClaimedPoolNumber]));

		const otherWabaNumbers = Array.from({ length: 100 }, (_, index) => ({
			id: `${700000 + index}`,
			display_phone_number: `+1 631-555-${String(index).padStart(4, '0')}`,
			code_verification_status: 'VERIFIED',
			status: 'CONNECTED',
		}));
		const claimedAt = graphTimeInDays(-30.5);
		const claimed = {
			id: '108692048990658',
			display_phone_number: '+1 211-555-5105',
			code_verification_status: 'VERIFIED',
			status: 'PENDING',
			last_onboarded_time: claimedAt,
		};
		const claimedWithoutTime = {
			id: '108692048990659',
			display_phone_number: '447700900123',
			code_verification_status: 'VERIFIED',
			status: 'PENDING',
		};
		graphApi()
			.get(WABA_NUMBERS_PATH)
			.query({ fields: WABA_FIELDS, limit: 100 })
			.reply(200, page(WABA_NUMBERS_PATH, otherWabaNumbers, 'WABA1'));
		graphApi()
			.get(WABA_NUMBERS_PATH)
			.query({ fields: WABA_FIELDS, limit: 100, after: 'WABA1' })
			.reply(200, page(WABA_NUMBERS_PATH, [claimed, claimedWithoutTime]));

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'findClaimed', businessId: byId(BUSINESS_ID), wabaId: byId(WABA_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		const registerBy = new Date(Date.parse(isoOf(claimedAt)) + 90 * 86_400_000).toISOString();
		expect(jsonOf(items)).toEqual([
			{
				preVerifiedNumberId: '106540352242922',
				phoneNumberId: '108692048990658',
				wabaId: WABA_ID,
				phone_number: '12115555105',
				display_phone_number: '+1 211-555-5105',
				code_verification_status: 'VERIFIED',
				status: 'PENDING',
				registration: {
					rule: 'preVerifiedClaim',
					windowDays: 90,
					onboardedAt: isoOf(claimedAt),
					claimedAt: isoOf(claimedAt),
					registerBy,
					daysUntilDeadline: 59,
					deadlinePassed: false,
					registered: false,
					summary: expect.stringMatching(/^Register by \d{4}-\d{2}-\d{2} \(in 59 days\), 90 days after it was claimed from the pre-verified pool on /),
				},
			},
			{
				preVerifiedNumberId: '106540352242923',
				phoneNumberId: '108692048990659',
				wabaId: WABA_ID,
				phone_number: '+44 7700 900123',
				display_phone_number: '447700900123',
				code_verification_status: 'VERIFIED',
				status: 'PENDING',
				registration: {
					rule: 'preVerifiedClaim',
					windowDays: 90,
					onboardedAt: null,
					claimedAt: null,
					registerBy: null,
					daysUntilDeadline: null,
					deadlinePassed: null,
					registered: false,
					summary:
						'Register within 90 days after it was claimed from the pre-verified pool; Graph gave no onboarding time, so the deadline is unknown.',
				},
			},
		]);
		expect(unexpectedRequests).toEqual([]);
	});

	it('outputs nothing when no pool number is on the WABA', async () => {
		graphApi()
			.get(POOL_PATH)
			.query({ fields: 'id,phone_number', limit: 100 })
			.reply(200, page(POOL_PATH, [{ id: '1', phone_number: '15550000001' }]));
		graphApi()
			.get(WABA_NUMBERS_PATH)
			.query({ fields: WABA_FIELDS, limit: 100 })
			.reply(200, page(WABA_NUMBERS_PATH, [{ id: '2', display_phone_number: '+1 555-000-0002' }]));

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'findClaimed', businessId: byId(BUSINESS_ID), wabaId: byId(WABA_ID) },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});

	it('refuses a WABA ID that is not numeric before listing the pool', async () => {
		const { error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'findClaimed', businessId: byId(BUSINESS_ID), wabaId: byId('={{ "my waba" }}') },
			credentials: testCredentials,
		});

		expect(error?.message).toBe('WhatsApp Business Account must be a numeric Graph object ID, such as 106540352242922');
		expect(unexpectedRequests).toEqual([]);
	});
});
