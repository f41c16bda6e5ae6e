import nock from 'nock';

import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';
import { byId, NODE_TYPE, PHONE_NUMBER_ID, WABA_ID } from '../fixtures';

isolateNetwork();

const BUSINESS_ID = '506914307656634';
const APP_ENTITY = { entity_type: 'APP', id: '1234567890123', can_send_message: 'AVAILABLE' };
const BUSINESS_ENTITY = { entity_type: 'BUSINESS', id: BUSINESS_ID, can_send_message: 'AVAILABLE' };
const PAYMENT_ERROR = {
	error_code: 141006,
	error_description: 'There is an error with the payment method.',
	possible_solution: 'There was an error with your payment method. Please add a new payment method to the account.',
};

function getHealthStatus(parameters: Record<string, unknown>) {
	return runNode({
		type: NODE_TYPE,
		parameters: { operation: 'getHealthStatus', ...parameters },
		credentials: testCredentials,
	});
}

describe('WhatsApp Phone Numbers: Get Health Status', () => {
	it('reads health_status and the display number of a phone number, and outputs the verdict, each error with its entity, and a summary', async () => {
		const health = {
			can_send_message: 'LIMITED',
			entities: [
				{ entity_type: 'PHONE_NUMBER', id: PHONE_NUMBER_ID, can_send_message: 'AVAILABLE' },
				{ entity_type: 'WABA', id: WABA_ID, can_send_message: 'LIMITED', errors: [PAYMENT_ERROR] },
				BUSINESS_ENTITY,
				APP_ENTITY,
			],
		};
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}`))
			.query({ fields: 'health_status,display_phone_number' })
			.reply(200, { id: PHONE_NUMBER_ID, display_phone_number: '+1 631-555-5555', health_status: health });

		const { items, error } = await getHealthStatus({ healthOf: 'phoneNumber', wabaId: byId(WABA_ID), healthPhoneNumberId: byId(PHONE_NUMBER_ID) });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				id: PHONE_NUMBER_ID,
				phoneNumberId: PHONE_NUMBER_ID,
				display_phone_number: '+1 631-555-5555',
				health_status: health,
				can_send_message: 'LIMITED',
				entities: health.entities,
				errors: [{ entity_type: 'WABA', entity_id: WABA_ID, ...PAYMENT_ERROR }],
				summary:
					'Phone number +1 631-555-5555 (106540352242922) can send messages, with limits (LIMITED): WABA 102290129340398: There is an error with the payment method (error 141006). Fix: There was an error with your payment method. Please add a new payment method to the account.',
			},
		]);
		expect(jsonOf(items)[0].summary).not.toMatch(/\n/);
	});

	it('reads a WABA by its name and says it can send when every entity is AVAILABLE', async () => {
		const health = {
			can_send_message: 'AVAILABLE',
			entities: [{ entity_type: 'WABA', id: WABA_ID, can_send_message: 'AVAILABLE' }, BUSINESS_ENTITY, APP_ENTITY],
		};
		graphApi()
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: 'health_status,name' })
			.reply(200, { id: WABA_ID, name: 'Acme Support', health_status: health });

		const { items, error } = await getHealthStatus({ healthOf: 'waba', wabaId: byId(WABA_ID) });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				id: WABA_ID,
				wabaId: WABA_ID,
				name: 'Acme Support',
				health_status: health,
				can_send_message: 'AVAILABLE',
				entities: health.entities,
				errors: [],
				summary: 'WABA Acme Support (102290129340398) can send messages (AVAILABLE).',
			},
		]);
	});

	it("reads a WABA whose business portfolio is blocked: every blocking error with its entity, and fields Meta adds", async () => {
		const blockedBusiness = {
			entity_type: 'BUSINESS',
			id: BUSINESS_ID,
			can_send_message: 'BLOCKED',
			errors: [
				{ error_code: 141010, error_description: 'The business has not passed business verification.', possible_solution: 'Complete business verification.' },
				{ error_code: 141000, error_description: 'Unknown problem' },
			],
		};
		const health = { can_send_message: 'BLOCKED', entities: [{ entity_type: 'WABA', id: WABA_ID, can_send_message: 'AVAILABLE' }, blockedBusiness, APP_ENTITY], checked_at: '2026-11-30T09:00:00+0000' };
		graphApi()
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: 'health_status,name' })
			.reply(200, { id: WABA_ID, name: 'Acme Support', health_status: health });

		const { items, error } = await getHealthStatus({ healthOf: 'waba', wabaId: byId(WABA_ID) });

		expect(error).toBeUndefined();
		const [output] = jsonOf(items);
		expect(output).toMatchObject({ id: WABA_ID, wabaId: WABA_ID, health_status: health, can_send_message: 'BLOCKED', checked_at: '2026-11-30T09:00:00+0000' });
		expect(output.errors).toEqual([
			{ entity_type: 'BUSINESS', entity_id: BUSINESS_ID, ...blockedBusiness.errors[0] },
			{ entity_type: 'BUSINESS', entity_id: BUSINESS_ID, ...blockedBusiness.errors[1] },
		]);
		expect(output.summary).toBe(
			'WABA Acme Support (102290129340398) cannot send messages (BLOCKED): Business 506914307656634: The business has not passed business verification (error 141010). Fix: Complete business verification. Business 506914307656634: Unknown problem (error 141000).',
		);
	});

	it('passes an unknown verdict through and says so in the summary', async () => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}`))
			.query({ fields: 'health_status,display_phone_number' })
			.reply(200, { id: PHONE_NUMBER_ID, health_status: { can_send_message: 'DEGRADED', entities: [] } });

		const { items, error } = await getHealthStatus({ healthPhoneNumberId: byId(PHONE_NUMBER_ID) });

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0]).toMatchObject({
			can_send_message: 'DEGRADED',
			summary: 'Phone number 106540352242922: Meta reports can_send_message "DEGRADED", which this node does not know.',
		});
	});

	it('refuses a WABA ID with letters before any request, naming the field', async () => {
		const scope = graphApi().get(graphPath('/abc')).query(true).reply(200, {});

		const { items, error } = await getHealthStatus({ healthOf: 'waba', wabaId: byId('={{ "10229abc" }}') });

		expect(scope.isDone()).toBe(false);
		nock.cleanAll();
		expect(items).toEqual([]);
		expect(error?.message).toBe('WhatsApp Business Account must be a numeric Graph object ID, such as 106540352242922');
		expect(error?.description).toMatch(/^Received "10229abc"\. Correct the "WhatsApp Business Account" field/);
	});

	it('retries a read after a transient error and then outputs the health', async () => {
		graphApi()
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: 'health_status,name' })
			.reply(500, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }))
			.get(graphPath(`/${WABA_ID}`))
			.query({ fields: 'health_status,name' })
			.reply(200, { id: WABA_ID, health_status: { can_send_message: 'AVAILABLE', entities: [BUSINESS_ENTITY] } });

		const { items, error } = await getHealthStatus({ healthOf: 'waba', wabaId: byId(WABA_ID) });

		expect(error).toBeUndefined();
		expect(jsonOf(items)[0].summary).toBe('WABA 102290129340398 can send messages (AVAILABLE).');
	});
});
