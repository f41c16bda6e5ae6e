import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, testCredentials } from '../../../harness/graphMock';

// With the network closed, a validation error proves that no request was sent.
isolateNetwork();

const PHONE_NUMBER_ID = '106540352242922';
const phoneNumberId = { __rl: true, mode: 'id', value: PHONE_NUMBER_ID };

/**
 * n8n-core copies the node, with the parameters as typed, into a failed run's error. An
 * expression keeps the literal out of the workflow, so a search of the run finds only
 * what the node itself leaked.
 */
function fedByExpression(secret: string): string {
	return `={{ ${JSON.stringify(secret.slice(0, 3))} + ${JSON.stringify(secret.slice(3))} }}`;
}

async function setPin(pin: string) {
	return await runNode({
		type: 'whatsAppSettings',
		parameters: { operation: 'setTwoStepPin', phoneNumberId, pin },
		credentials: testCredentials,
	});
}

describe('WhatsApp Settings: Set Two-Step Verification PIN', () => {
	it('posts {pin} to the phone number and outputs success without the PIN', async () => {
		graphApi().post(graphPath(`/${PHONE_NUMBER_ID}`), { pin: '731904' }).query({}).reply(200, { success: true });

		const { run, items, error } = await setPin(fedByExpression('731904'));

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, phoneNumberId: PHONE_NUMBER_ID }]);
		expect(JSON.stringify(run)).not.toContain('731904');
	});

	it('explains error 133005 and never shows the PIN, even when Meta echoes it', async () => {
		graphApi()
			.post(graphPath(`/${PHONE_NUMBER_ID}`), { pin: '731904' })
			.query({})
			.reply(
				400,
				graphErrorBody(133005, 'Two step verification PIN mismatch: 731904', {
					error_data: { details: 'PIN 731904 does not match' },
				}),
			);

		const { run, items, error } = await setPin(fedByExpression('731904'));

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			"The PIN does not match the number's two-step verification PIN (Two step verification PIN mismatch: [redacted])",
		);
		expect(error?.description).toMatch(/^Use the current two-step PIN of this number, or set a new one/);
		expect(error?.description).toMatch(/Details: PIN \[redacted\] does not match\./);
		expect(JSON.stringify(run)).not.toContain('731904');
	});

	it('refuses a seven-digit PIN, naming the field and never echoing it, before any request', async () => {
		const { run, items, error } = await setPin(fedByExpression('7319045'));

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('PIN must be exactly 6 digits, such as 123456');
		expect(error?.description).toBe('Correct the "PIN" field and run the node again.');
		expect(JSON.stringify(run)).not.toContain('7319045');
	});

	it('refuses a phone-number ID that is not numeric before any request', async () => {
		const { items, error } = await runNode({
			type: 'whatsAppSettings',
			parameters: {
				operation: 'setTwoStepPin',
				phoneNumberId: { __rl: true, mode: 'id', value: '={{ "+1 631 555 1234" }}' },
				pin: '731904',
			},
			credentials: testCredentials,
		});

		expect(items).toEqual([]);
		expect(error?.message).toBe('Phone Number must be a numeric Graph object ID, such as 106540352242922');
	});
});
