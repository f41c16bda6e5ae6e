import { BUSINESS_ID, CLIENT_WABA_ID, OWNED_WABA_ID, graphError, useSandbox } from './helpers';

const WABA_FIELDS = 'id,name,currency,timezone_id,account_review_status,business_verification_status,health_status{can_send_message}';

describe('Graph sandbox: WhatsApp Business Accounts of a business portfolio', () => {
	const { graph, sandbox } = useSandbox();

	it("answers the WhatsApp Business Accounts node's fields on the owned and client edges and on one WABA, counting each", async () => {
		const owned = await graph(`/${BUSINESS_ID}/owned_whatsapp_business_accounts?fields=${WABA_FIELDS}&limit=50`);
		expect(owned.body.data).toEqual([
			{
				id: OWNED_WABA_ID,
				name: 'Acme Support',
				currency: 'USD',
				timezone_id: '1',
				account_review_status: 'APPROVED',
				business_verification_status: 'verified',
				health_status: { can_send_message: 'AVAILABLE' },
			},
		]);
		const client = await graph(`/${BUSINESS_ID}/client_whatsapp_business_accounts?fields=${WABA_FIELDS}&limit=49`);
		expect(client.body.data).toEqual([
			{
				id: CLIENT_WABA_ID,
				name: "Jasper's Market",
				currency: 'USD',
				timezone_id: '1',
				account_review_status: 'APPROVED',
				business_verification_status: 'not_verified',
				health_status: { can_send_message: 'LIMITED' },
			},
		]);
		expect((await graph(`/${CLIENT_WABA_ID}?fields=${WABA_FIELDS}`)).body).toEqual({ ...client.body.data[0] });

		expect(sandbox.counts.endpoints).toEqual({
			'GET /{business}/owned_whatsapp_business_accounts': 1,
			'GET /{business}/client_whatsapp_business_accounts': 1,
			'GET /{waba}': 1,
		});
	});

	it('pages the WABA lists with cursors and refuses an unknown WABA field with error 100', async () => {
		const first = await graph(`/${BUSINESS_ID}/owned_whatsapp_business_accounts?fields=id&limit=1`);
		expect(first.body.data).toEqual([{ id: OWNED_WABA_ID }]);
		expect(first.body.paging.next).toBeUndefined();
		expect(graphError(await graph(`/${OWNED_WABA_ID}?fields=id,review_state`)).code).toBe(100);
	});
});
