import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const NUMBER_PATH = graphPath(`/${PHONE_NUMBER_ID}`);
const FIELDS = { fields: 'official_business_account,is_official_business_account' };

function getStatus(phoneNumberId = PHONE_NUMBER_ID) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getOfficialBusinessAccountStatus', wabaId: byId(WABA_ID), phoneNumberId: byId(phoneNumberId) },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Official Business Account Status', () => {
	it.each([
		['NOT_STARTED', false, /No Official Business Account request was made/],
		['PENDING', false, /Meta is reviewing/],
		['APPROVED', true, /is an Official Business Account/],
	])('reads official_business_account with the bearer token and summarises %s', async (obaStatus, badge, summary) => {
		const scope = graphApi()
			.get(NUMBER_PATH)
			.query(FIELDS)
			.reply(200, { id: PHONE_NUMBER_ID, official_business_account: { oba_status: obaStatus }, is_official_business_account: badge });

		const { items, error } = await getStatus();

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{
				id: PHONE_NUMBER_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				official_business_account: { oba_status: obaStatus },
				is_official_business_account: badge,
				obaStatus,
				summary: expect.stringMatching(summary),
			},
		]);
	});

	it('says after a rejection that a new request can be sent 30 days later, and keeps any status message Meta adds', async () => {
		graphApi()
			.get(NUMBER_PATH)
			.query(FIELDS)
			.reply(200, {
				id: PHONE_NUMBER_ID,
				official_business_account: { oba_status: 'REJECTED', status_message: 'Not notable' },
				is_official_business_account: false,
			});

		const { items, error } = await getStatus();

		expect(error).toBeUndefined();
		const [output] = jsonOf(items);
		expect(output).toMatchObject({
			official_business_account: { oba_status: 'REJECTED', status_message: 'Not notable' },
			obaStatus: 'REJECTED',
			reapplyAfterRejectionDays: 30,
		});
		expect(output.summary).toMatch(/A new request can be sent 30 days after the rejection/);
	});

	it('passes an unknown status through and says when Meta returns none', async () => {
		graphApi().get(NUMBER_PATH).query(FIELDS).reply(200, { id: PHONE_NUMBER_ID, official_business_account: { oba_status: 'UNDER_APPEAL' } });
		graphApi().get(NUMBER_PATH).query(FIELDS).reply(200, { id: PHONE_NUMBER_ID, is_official_business_account: false });

		const unknown = jsonOf((await getStatus()).items)[0];
		const missing = jsonOf((await getStatus()).items)[0];

		expect(unknown).toMatchObject({ obaStatus: 'UNDER_APPEAL', summary: 'Meta returned the Official Business Account status UNDER_APPEAL.' });
		expect(missing).toMatchObject({ obaStatus: null, summary: 'Meta did not return an Official Business Account status for this number.' });
	});

	it('refuses a phone-number ID with letters from an expression before any request, naming the field', async () => {
		const scope = graphApi().get(NUMBER_PATH).query(true).reply(200, {});

		const { items, error } = await getStatus('={{ "10654abc" }}');

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe('Phone Number must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toMatch(/^Received "10654abc"\. Correct the "Phone Number" field/);
	});
});
