import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterOf, getValidatedParameter, parseParameter } from '../../../nodes/shared/parameters';
import { e164Digits, graphObjectId, otpCode, sixDigitPin } from '../../../nodes/shared/schemas';

const node = { name: 'WhatsApp Settings', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

describe('parseParameter', () => {
	it('names the field, the problem and the fix, and echoes a non-secret value', () => {
		const call = () =>
			parseParameter(node, { parameter: 'phoneNumber', label: 'Phone Number', schema: e164Digits }, '555');
		expect(call).toThrow(NodeOperationError);
		expect(call).toThrow('Phone Number must have 8 to 15 digits including the country code, such as +1 631 555 1234');
		try {
			call();
		} catch (error) {
			expect((error as NodeOperationError).description).toBe(
				'Received "555". Correct the "Phone Number" field and run the node again.',
			);
		}
	});

	it('never echoes a PIN or a one-time code', () => {
		for (const [parameter, schema, value] of [
			['pin', sixDigitPin, '98765'],
			['code', otpCode, '98a765'],
		] as const) {
			try {
				parseParameter(node, { parameter, label: parameter.toUpperCase(), schema, secret: true }, value);
				throw new Error('expected a validation error');
			} catch (error) {
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(value);
			}
		}
	});

	it('says when a field is empty', () => {
		expect(() => parseParameter(node, { parameter: 'pin', label: 'PIN', schema: sixDigitPin }, '')).toThrow(
			'PIN must be exactly 6 digits, such as 123456',
		);
	});

	it('accepts numbers given by an expression as digit strings', () => {
		expect(parseParameter(node, { parameter: 'wabaId', label: 'WABA', schema: graphObjectId }, 102290129340398)).toBe(
			'102290129340398',
		);
	});
});

describe('parameterOf', () => {
	const pinProperty: INodeProperties = {
		displayName: 'Two-Step PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		default: '',
	};

	it('takes the label from the editor and treats a hidden field as secret', () => {
		expect(parameterOf(pinProperty, sixDigitPin)).toEqual({
			parameter: 'pin',
			label: 'Two-Step PIN',
			schema: sixDigitPin,
			extractValue: undefined,
			hint: undefined,
			secret: true,
		});
		expect(parameterOf({ ...pinProperty, typeOptions: {} }, sixDigitPin).secret).toBeUndefined();
	});
});

describe('getValidatedParameter', () => {
	it('reads a parameter once per item context, however many steps ask for it', () => {
		const getNodeParameter = jest.fn().mockReturnValue(' 102290129340398 ');
		const context = { getNodeParameter, getNode: () => node } as unknown as Parameters<typeof getValidatedParameter>[0];
		const field = { parameter: 'wabaId', label: 'WABA', schema: graphObjectId, extractValue: true };

		expect(getValidatedParameter(context, field)).toBe('102290129340398');
		expect(getValidatedParameter(context, field)).toBe('102290129340398');
		expect(getNodeParameter).toHaveBeenCalledTimes(1);
		expect(getNodeParameter).toHaveBeenCalledWith('wabaId', undefined, { extractValue: true });
	});
});
