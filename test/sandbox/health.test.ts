import {
	BUSINESS_ID,
	CLAIMED_PENDING_NUMBER_ID,
	CLIENT_WABA_ID,
	CONNECTED_NUMBER_ID,
	FLAGGED_NUMBER_ID,
	OWNED_WABA_ID,
	graphError,
	useSandbox,
} from './helpers';

const APP_ID = '778899001122334';
const JASPER_NUMBER_ID = '1906385232743451';
const PAYMENT_ERROR = {
	error_code: 141006,
	error_description: 'There is an error with the payment method.',
	possible_solution: 'There was an error with your payment method. Please add a new payment method to the account.',
};

describe('Graph sandbox: health_status of phone numbers, WABAs and businesses', () => {
	const { graph, sandbox } = useSandbox();

	const health = async (id: string) => (await graph(`/${id}?fields=health_status`)).body;

	it('reports a connected number of a healthy WABA AVAILABLE, through its WABA, business and app', async () => {
		expect(await health(CONNECTED_NUMBER_ID)).toEqual({
			id: CONNECTED_NUMBER_ID,
			health_status: {
				can_send_message: 'AVAILABLE',
				entities: [
					{ entity_type: 'PHONE_NUMBER', id: CONNECTED_NUMBER_ID, can_send_message: 'AVAILABLE' },
					{ entity_type: 'WABA', id: OWNED_WABA_ID, can_send_message: 'AVAILABLE' },
					{ entity_type: 'BUSINESS', id: BUSINESS_ID, can_send_message: 'AVAILABLE' },
					{ entity_type: 'APP', id: APP_ID, can_send_message: 'AVAILABLE' },
				],
			},
		});
	});

	it('limits a flagged number, blocks an unregistered one with its error, and unblocks it once registered', async () => {
		expect((await health(FLAGGED_NUMBER_ID)).health_status.entities[0]).toEqual({
			entity_type: 'PHONE_NUMBER',
			id: FLAGGED_NUMBER_ID,
			can_send_message: 'LIMITED',
			additional_info: [expect.stringMatching(/flagged for low quality/)],
		});
		const pending = (await health(CLAIMED_PENDING_NUMBER_ID)).health_status;
		expect(pending.can_send_message).toBe('BLOCKED');
		expect(pending.entities[0].errors).toEqual([
			{ error_code: 133010, error_description: 'The phone number is not registered on Cloud API (status PENDING).', possible_solution: 'Register the phone number.' },
		]);

		await graph(`/${CLAIMED_PENDING_NUMBER_ID}/register`, { method: 'POST', json: { messaging_product: 'whatsapp', pin: '123456' } });
		expect((await health(CLAIMED_PENDING_NUMBER_ID)).health_status.can_send_message).toBe('AVAILABLE');
	});

	it("carries a WABA's errors to the WABA itself and to each of its numbers", async () => {
		expect(await health(CLIENT_WABA_ID)).toEqual({
			id: CLIENT_WABA_ID,
			health_status: {
				can_send_message: 'LIMITED',
				entities: [
					{ entity_type: 'WABA', id: CLIENT_WABA_ID, can_send_message: 'LIMITED', errors: [PAYMENT_ERROR] },
					{ entity_type: 'BUSINESS', id: BUSINESS_ID, can_send_message: 'AVAILABLE' },
					{ entity_type: 'APP', id: APP_ID, can_send_message: 'AVAILABLE' },
				],
			},
		});
		const number = (await health(JASPER_NUMBER_ID)).health_status;
		expect(number.can_send_message).toBe('LIMITED');
		expect(number.entities[0]).toEqual({ entity_type: 'PHONE_NUMBER', id: JASPER_NUMBER_ID, can_send_message: 'AVAILABLE' });
	});

	it('reads a business portfolio, narrows nested fields, and counts each read under its object kind', async () => {
		expect((await health(BUSINESS_ID)).health_status.can_send_message).toBe('AVAILABLE');
		expect((await graph(`/${CLIENT_WABA_ID}?fields=name,health_status{can_send_message}`)).body).toEqual({
			id: CLIENT_WABA_ID,
			name: "Jasper's Market",
			health_status: { can_send_message: 'LIMITED' },
		});
		expect(sandbox.counts.endpoints).toEqual({ 'GET /{business}': 1, 'GET /{waba}': 1 });
		expect(graphError(await graph(`/${BUSINESS_ID}?fields=health_state`)).code).toBe(100);
	});
});
