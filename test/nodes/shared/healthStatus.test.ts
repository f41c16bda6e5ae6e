import { describeHealth, healthErrors, healthSubject, healthSummary } from '../../../nodes/shared/healthStatus';

describe('healthSummary', () => {
	it('says an entity is limited or blocked without a reason when Meta gives none', () => {
		const health = {
			can_send_message: 'BLOCKED',
			entities: [
				{ entity_type: 'PHONE_NUMBER', id: '1', can_send_message: 'BLOCKED' },
				{ entity_type: 'WABA', id: '2', can_send_message: 'AVAILABLE' },
			],
		};

		expect(healthSummary(health, 'Phone number 1')).toBe(
			'Phone number 1 cannot send messages (BLOCKED): Phone number 1 is BLOCKED, without a reason from Meta.',
		);
	});

	it.each([
		['absent', undefined],
		['not an object', 'AVAILABLE'],
		['without a verdict', { entities: [] }],
	])('says Meta returned no health status when it is %s', (_case, health) => {
		expect(healthSummary(health, 'WABA 2')).toBe('WABA 2: Meta returned no health status.');
	});

	it('keeps to one line when Meta writes line breaks, and names unknown entity types as Meta does', () => {
		const health = {
			can_send_message: 'LIMITED',
			entities: [{ entity_type: 'FLOW', id: '9', can_send_message: 'LIMITED', errors: [{ error_description: 'Line one.\nLine two.' }] }],
		};

		expect(healthSummary(health, 'WABA 2')).toBe(
			'WABA 2 can send messages, with limits (LIMITED): FLOW 9: Line one. Line two.',
		);
	});
});

describe('healthErrors and describeHealth', () => {
	it('ignores entities and errors that are not objects instead of failing', () => {
		const health = { can_send_message: 'LIMITED', entities: ['odd', { entity_type: 'WABA', errors: ['odd', { error_code: 1 }] }] };

		expect(healthErrors(health)).toEqual([{ entity_type: 'WABA', entity_id: null, error_code: 1 }]);
	});

	it("keeps Graph's health_status as sent beside its opened-up parts", () => {
		const health = { can_send_message: 'AVAILABLE', entities: [{ entity_type: 'WABA', id: '7' }], checked_at: 'now' };

		expect(describeHealth({ id: '7', health_status: health }, 'WABA')).toEqual({
			id: '7',
			health_status: health,
			can_send_message: 'AVAILABLE',
			entities: health.entities,
			checked_at: 'now',
			errors: [],
			summary: 'WABA 7 can send messages (AVAILABLE).',
		});
	});

	it('gives null, no entities and no errors when Graph returned no health_status', () => {
		expect(describeHealth({ id: '7', wabaId: '7' }, 'WABA')).toEqual({
			id: '7',
			wabaId: '7',
			can_send_message: null,
			entities: [],
			errors: [],
			summary: 'WABA 7: Meta returned no health status.',
		});
	});

	it('names an object by its phone number or name, then its ID', () => {
		expect(healthSubject('Phone number', { id: '1', display_phone_number: '+1 631-555-5555' })).toBe('Phone number +1 631-555-5555 (1)');
		expect(healthSubject('Business', { id: '5' })).toBe('Business 5');
	});
});
