import type { INodeTypeDescription } from 'n8n-workflow';

import { jsonOf, loadPackage, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { addDaysIso, asOutput, graphTimeDaysAgo } from '../fixtures';

isolateNetwork();

const DEFAULT_FIELDS =
	'id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,throughput,platform_type,is_on_biz_app,whatsapp_business_manager_messaging_limit,last_onboarded_time,account_mode,is_preverified_number';

describe('WhatsApp Phone Numbers: Get', () => {
	it('sends GET /<PHONE_NUMBER_ID> with the default fields and the bearer token, and outputs the number', async () => {
		const number = {
			id: '106540352242922',
			display_phone_number: '+1 631-555-1234',
			verified_name: 'Jasper Market',
			status: 'CONNECTED',
			quality_rating: 'GREEN',
		};
		graphApi().get(graphPath('/106540352242922')).query({ fields: DEFAULT_FIELDS }).reply(200, number);

		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '106540352242922' } },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([asOutput(number)]);
	});

	it('asks for the chosen fields plus typed field names', async () => {
		const number = { id: '106540352242922', is_pin_enabled: true, throughput: { level: 'STANDARD' } };
		graphApi()
			.get(graphPath('/106540352242922'))
			.query({ fields: 'id,is_pin_enabled,throughput{level}' })
			.reply(200, number);

		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: {
				operation: 'get',
				phoneNumberId: { __rl: true, mode: 'id', value: ' 106540352242922 ' },
				options: { fields: ['id', 'is_pin_enabled'], additionalFieldNames: 'throughput{level}' },
			},
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([asOutput(number)]);
	});

	it('adds the registration deadline to a number that is onboarded but not connected', async () => {
		const number = { id: '106540352242922', status: 'PENDING', last_onboarded_time: '2023-04-14T22:12:31+0000' };
		graphApi().get(graphPath('/106540352242922')).query({ fields: DEFAULT_FIELDS }).reply(200, number);

		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '106540352242922' } },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		const output = jsonOf(items)[0];
		expect(output).toMatchObject({
			...number,
			registration: {
				rule: 'embeddedSignup',
				windowDays: 14,
				onboardedAt: '2023-04-14T22:12:31.000Z',
				claimedAt: null,
				registerBy: '2023-04-28T22:12:31.000Z',
				deadlinePassed: true,
				registered: false,
				summary:
					'The 14-day registration deadline after Embedded Signup passed on 2023-04-28; the number must go through Embedded Signup again.',
			},
		});
		// Long past: the days left count down below zero rather than stopping at zero.
		expect((output.registration as { daysUntilDeadline: number }).daysUntilDeadline).toBeLessThan(-365);
		expect(output).not.toHaveProperty('registrationDaysLeft');
	});

	it('gives a number from a pre-verified pool 90 days, the same deadline Find Claimed gives', async () => {
		const { graphTime, date } = graphTimeDaysAgo(10 - 1 / 24);
		const number = { id: '106540352242922', status: 'PENDING', last_onboarded_time: graphTime, is_preverified_number: true };
		graphApi().get(graphPath('/106540352242922')).query({ fields: DEFAULT_FIELDS }).reply(200, number);

		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '106540352242922' } },
			credentials: testCredentials,
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({
			registration: { rule: 'preVerifiedClaim', windowDays: 90, claimedAt: date.toISOString(), registerBy: addDaysIso(date, 90), daysUntilDeadline: 80 },
		});
	});

	it('maps a Graph error to a NodeApiError that keeps fbtrace_id and never shows the token', async () => {
		graphApi()
			.get(graphPath('/106540352242922'))
			.query(true)
			.reply(
				401,
				graphErrorBody(190, `Error validating access token: ${TEST_ACCESS_TOKEN} has expired`, {
					error_subcode: 463,
				}),
			);

		const { run, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: { operation: 'get', phoneNumberId: { __rl: true, mode: 'id', value: '106540352242922' } },
			credentials: testCredentials,
		});

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/access token was rejected/);
		expect(error?.description).toMatch(/fbtrace_id AbCdEfGhIjK_fbtrace/);
		expect(error?.description).toMatch(/Graph error 190, subcode 463/);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('refuses a phone-number ID that is not numeric before any request', async () => {
		// An expression passes the editor's check; the node's own validation must catch it.
		const { items, error } = await runNode({
			type: 'whatsAppPhoneNumbers',
			parameters: {
				operation: 'get',
				phoneNumberId: { __rl: true, mode: 'id', value: '={{ "+1 631 555" }}' },
			},
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Phone Number must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toBe(
			'Received "+1 631 555". Correct the "Phone Number" field. Use the phone-number ID shown in WhatsApp Manager → Phone numbers (not the phone number itself), or pick it From List.',
		);
	});

	it("gives a phone number typed By ID the same hint in the editor's own check as in the node's", async () => {
		const description = (await loadPackage()).getNode('whatsAppPhoneNumbers').type.description as INodeTypeDescription;
		const locator = description.properties.find((property) => property.name === 'phoneNumberId');
		const byIdMode = locator?.modes?.find((mode) => mode.name === 'id');

		expect(byIdMode?.validation).toEqual([
			{
				type: 'regex',
				properties: {
					regex: '^\\s*\\d+\\s*$',
					errorMessage:
						'A phone number ID has digits only. Use the phone-number ID shown in WhatsApp Manager → Phone numbers (not the phone number itself), or pick it From List.',
				},
			},
		]);
	});
});
