/**
 * The editor's "From List" searches, run in n8n-core's own LoadOptionsContext (as the editor
 * runs them) against nock: fast, and every request asserted.
 */
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../harness/graphMock';
import { runListSearch as search } from '../../harness/listSearch';

isolateNetwork();

const BUSINESS_ID = '506914307656634';
const WABA_ID = '102290129340398';

const rl = (value: string) => ({ __rl: true, mode: 'list', value });

describe('list searches', () => {
	it('lists the business portfolios of the token, narrowed by name or ID', async () => {
		graphApi()
			.get(graphPath('/me/businesses'))
			.query({ fields: 'id,name', limit: '100' })
			.reply(200, { data: [{ id: BUSINESS_ID, name: 'Jasper Market' }, { id: '1', name: 'Lucky Shrub' }] });

		expect(await search('searchBusinesses', {}, 'jasper')).toEqual({
			results: [{ name: 'Jasper Market', value: BUSINESS_ID }],
		});
	});

	it('lists owned and client WABAs of the chosen business, marking client ones', async () => {
		graphApi()
			.get(graphPath(`/${BUSINESS_ID}/owned_whatsapp_business_accounts`))
			.query({ fields: 'id,name', limit: '100' })
			.reply(200, { data: [{ id: WABA_ID, name: 'Jasper WABA' }] })
			.get(graphPath(`/${BUSINESS_ID}/client_whatsapp_business_accounts`))
			.query({ fields: 'id,name', limit: '100' })
			.reply(200, { data: [{ id: '2', name: 'Client WABA' }] });

		expect(await search('searchWhatsAppBusinessAccounts', { businessId: rl(BUSINESS_ID) })).toEqual({
			results: [
				{ name: 'Jasper WABA', value: WABA_ID },
				{ name: 'Client WABA (client)', value: '2' },
			],
		});
	});

	it("lists the numbers of every WABA the token sees, each with its WABA's name, in the trigger", async () => {
		const numbers = { fields: 'id,display_phone_number,verified_name', limit: '100' };
		graphApi()
			.get(graphPath('/me/businesses'))
			.query({ fields: 'id', limit: '100' })
			.reply(200, { data: [{ id: BUSINESS_ID }] })
			.get(graphPath(`/${BUSINESS_ID}/owned_whatsapp_business_accounts`))
			.query({ fields: 'id,name', limit: '100' })
			.reply(200, { data: [{ id: WABA_ID, name: 'Jasper WABA' }] })
			.get(graphPath(`/${BUSINESS_ID}/client_whatsapp_business_accounts`))
			.query({ fields: 'id,name', limit: '100' })
			.reply(200, { data: [{ id: '2', name: 'Client WABA' }] })
			.get(graphPath(`/${WABA_ID}/phone_numbers`))
			.query(numbers)
			.reply(200, { data: [{ id: '11', display_phone_number: '+1 631-555-1234', verified_name: 'Jasper' }] })
			.get(graphPath('/2/phone_numbers'))
			.query(numbers)
			.reply(200, { data: [{ id: '21', display_phone_number: '+44 20 7946 0958', verified_name: 'Shrub' }] });

		expect(await search('searchPhoneNumbersOfAllWabas', {}, undefined, 'whatsAppPhoneNumberTrigger')).toEqual({
			results: [
				{ name: '+1 631-555-1234 — Jasper (Jasper WABA)', value: '11' },
				{ name: '+44 20 7946 0958 — Shrub (Client WABA (client))', value: '21' },
			],
		});
	});

	it('lists the phone numbers of the chosen WABA, following the cursor, and matches digits of the number', async () => {
		graphApi()
			.get(graphPath(`/${WABA_ID}/phone_numbers`))
			.query({ fields: 'id,display_phone_number,verified_name', limit: '100' })
			.reply(200, {
				data: [{ id: '11', display_phone_number: '+1 631-555-1234', verified_name: 'Jasper' }],
				paging: { cursors: { after: 'c1' }, next: 'https://graph.facebook.com/next' },
			})
			.get(graphPath(`/${WABA_ID}/phone_numbers`))
			.query({ fields: 'id,display_phone_number,verified_name', limit: '100', after: 'c1' })
			.reply(200, { data: [{ id: '12', display_phone_number: '+44 20 7946 0958' }] });

		const parameters = { operation: 'get', wabaId: rl(WABA_ID) };
		expect(await search('searchPhoneNumbers', parameters, '6315551234', 'whatsAppPhoneNumbers')).toEqual({
			results: [{ name: '+1 631-555-1234 — Jasper', value: '11' }],
		});
	});

	it('lists the pool of the chosen business as people write the numbers, with what matters next', async () => {
		const DAY = 86_400_000;
		const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString().replace('Z', '+0000');
		const inDaysAnd = (days: number) => new Date(Date.now() + days * DAY + 6 * 3_600_000).toISOString().replace('Z', '+0000');
		graphApi()
			.get(graphPath(`/${BUSINESS_ID}/preverified_numbers`))
			.query({ fields: 'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time', limit: '100' })
			.reply(200, {
				data: [
					// verified 78 days ago: 12 days before it lapses, inside the 45-day window
					{ id: '1706193509821735', phone_number: '12115555105', code_verification_status: 'VERIFIED', code_verification_time: hoursAgo(78 * 24), verification_expiry_time: inDaysAnd(12) },
					// verified 10 days ago: 80 days left, the window not open yet
					{ id: '1706193509821731', phone_number: '12115555101', code_verification_status: 'VERIFIED', code_verification_time: hoursAgo(10 * 24), verification_expiry_time: inDaysAnd(80) },
					{ id: '1706193509821732', phone_number: '12115555102', code_verification_status: 'VERIFIED', code_verification_time: hoursAgo(89 * 24), verification_expiry_time: inDaysAnd(1) },
					{ id: '1706193509821736', phone_number: '12115555106', code_verification_status: 'EXPIRED', code_verification_time: hoursAgo(100 * 24), verification_expiry_time: hoursAgo(10 * 24) },
					{ id: '1706193509821737', phone_number: '447700900123', code_verification_status: 'NOT_VERIFIED' },
					{ id: '8' },
				],
			});

		expect(await search('searchPreVerifiedNumbers', { businessId: rl(BUSINESS_ID) })).toEqual({
			results: [
				{ name: '+1 211-555-5105 — verified, 12 days left, re-verify now', value: '1706193509821735' },
				{ name: '+1 211-555-5101 — verified, 80 days left', value: '1706193509821731' },
				{ name: '+1 211-555-5102 — verified, 1 day left, re-verify now', value: '1706193509821732' },
				{ name: '+1 211-555-5106 — lapsed, needs a new code', value: '1706193509821736' },
				{ name: '+44 7700900123 — not verified, needs a code', value: '1706193509821737' },
				{ name: '8 — status unknown', value: '8' },
			],
		});
	});

	it('narrows the pool by the digits typed, however the number is written', async () => {
		graphApi()
			.get(graphPath(`/${BUSINESS_ID}/preverified_numbers`))
			.query({ fields: 'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time', limit: '100' })
			.reply(200, {
				data: [
					{ id: '7', phone_number: '15550783881', code_verification_status: 'NOT_VERIFIED' },
					{ id: '9', phone_number: '12115555105', code_verification_status: 'NOT_VERIFIED' },
				],
			});

		expect(await search('searchPreVerifiedNumbers', { businessId: rl(BUSINESS_ID) }, '+1 555-078')).toEqual({
			results: [{ name: '+1 555-078-3881 — not verified, needs a code', value: '7' }],
		});
	});

	it('lists the pool the same way in the WhatsApp Verification node', async () => {
		graphApi()
			.get(graphPath(`/${BUSINESS_ID}/preverified_numbers`))
			.query({ fields: 'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time', limit: '100' })
			.reply(200, { data: [{ id: '7', phone_number: '15550783881', code_verification_status: 'NOT_VERIFIED' }] });

		const parameters = { numberType: 'preVerifiedNumber', businessId: rl(BUSINESS_ID) };
		expect(await search('searchPreVerifiedNumbers', parameters, undefined, 'whatsAppVerification')).toEqual({
			results: [{ name: '+1 555-078-3881 — not verified, needs a code', value: '7' }],
		});
	});

	it('asks for the WABA first instead of calling Graph without one', async () => {
		await expect(search('searchPhoneNumbers', { operation: 'get' }, undefined, 'whatsAppPhoneNumbers')).rejects.toThrow('Choose a WhatsApp Business Account first');
	});

	it('shows a Graph error in words', async () => {
		graphApi()
			.get(graphPath(`/${BUSINESS_ID}/preverified_numbers`))
			.query(true)
			.reply(400, graphErrorBody(10, 'Application does not have permission for this action'));

		await expect(search('searchPreVerifiedNumbers', { businessId: rl(BUSINESS_ID) })).rejects.toThrow(
			'The access token lacks a permission for this object (Application does not have permission for this action)',
		);
	});

	it('fails on a list page without data rather than showing an empty list', async () => {
		graphApi().get(graphPath('/me/businesses')).query(true).reply(200, { businesses: [] });

		await expect(search('searchBusinesses', {})).rejects.toThrow(/something other than a Graph list page/);
	});
});
