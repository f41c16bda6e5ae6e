import { CONNECTED_NUMBER_ID, CONNECTED_NUMBER_PIN, graphError, useSandbox } from './helpers';

const NAME_FIELDS = 'verified_name,name_status,new_display_name,new_name_status,new_certificate';

describe('Graph sandbox: display-name changes', () => {
	const { graph, dev, sandbox } = useSandbox();

	const changeName = (name: string, via: 'query' | 'body' = 'query') =>
		via === 'query'
			? graph(`/${CONNECTED_NUMBER_ID}?new_display_name=${encodeURIComponent(name)}`, { method: 'POST' })
			: graph(`/${CONNECTED_NUMBER_ID}`, { method: 'POST', json: { new_display_name: name } });
	const names = async () => (await graph(`/${CONNECTED_NUMBER_ID}?fields=${NAME_FIELDS}`)).body;

	it('puts a new name under review (query or body), counted as POST /{phone_number}, without touching the current name', async () => {
		expect((await changeName('Acme Help Desk')).body).toEqual({ success: true });
		expect(await names()).toEqual({
			id: CONNECTED_NUMBER_ID,
			verified_name: 'Acme Support',
			name_status: 'APPROVED',
			new_display_name: 'Acme Help Desk',
			new_name_status: 'PENDING_REVIEW',
		});
		expect((await changeName('Acme Care', 'body')).body).toEqual({ success: true });
		expect((await names()).new_display_name).toBe('Acme Care');
		expect(sandbox.counts.endpoints['POST /{phone_number}']).toBe(2);
	});

	it('makes an approved name the display name when the number registers again within 14 days', async () => {
		await changeName('Acme Help Desk');
		const review = await dev('/display-name-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'APPROVED' });
		expect(review.body).toEqual({ display_phone_number: '+1 631-555-5555', requested_verified_name: 'Acme Help Desk', decision: 'APPROVED' });
		expect(await names()).toMatchObject({ verified_name: 'Acme Support', new_name_status: 'APPROVED', new_certificate: expect.any(String) });

		sandbox.advance({ days: 13 });
		const register = await graph(`/${CONNECTED_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: CONNECTED_NUMBER_PIN } });
		expect(register.body).toEqual({ success: true });
		expect(await names()).toEqual({ id: CONNECTED_NUMBER_ID, verified_name: 'Acme Help Desk', name_status: 'APPROVED' });
	});

	it('expires an approved name that was not registered within 14 days, and declines a rejected one', async () => {
		await changeName('Acme Help Desk');
		await dev('/display-name-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'APPROVED' });
		sandbox.advance({ days: 14 });
		expect((await names()).new_name_status).toBe('EXPIRED');

		await changeName('Acme Helpers');
		await dev('/display-name-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'REJECTED' });
		expect(await names()).toMatchObject({ verified_name: 'Acme Support', new_display_name: 'Acme Helpers', new_name_status: 'DECLINED' });
		// Only a name under review can be decided.
		expect((await dev('/display-name-review', { phone_number_id: CONNECTED_NUMBER_ID, decision: 'APPROVED' })).status).toBe(409);
	});

	it('refuses the 11th change within 30 days with error 100, and allows it once the oldest change is 30 days old', async () => {
		for (let change = 1; change <= 10; change++) {
			expect((await changeName(`Acme Support ${change}`)).body).toEqual({ success: true });
			sandbox.advance({ days: 1 });
		}
		const refused = graphError(await changeName('Acme Support 11'));
		expect(refused.code).toBe(100);
		expect(refused.message).toMatch(/changed 10 times in the last 30 days/);
		expect((await names()).new_display_name).toBe('Acme Support 10');

		sandbox.advance({ days: 20 });
		expect((await changeName('Acme Support 11')).body).toEqual({ success: true });
	});

	it('refuses an empty or over-long name with error 100', async () => {
		expect(graphError(await changeName('   ')).code).toBe(100);
		expect(graphError(await changeName('A'.repeat(513))).code).toBe(100);
		expect((await names()).new_display_name).toBeUndefined();
	});
});
