import type { INode } from 'n8n-workflow';

import { parseFilters } from '../../../nodes/WhatsAppPhoneNumberTrigger/filters';
import {
	accountVerified,
	capabilityUpdate,
	emit,
	envelope,
	messageWithContactHash,
	newMemory,
	OTHER_WABA_ID,
	PHONE_NUMBER_ID,
	pinChanged,
	qualityFlagged,
	settingsWith,
	WABA_ID,
	changesIn,
	customersIn,
} from './fixtures';

const node = { name: 'Trigger' } as INode;

describe('parseFilters', () => {
	it('takes the WABA list, splits comma lists, keeps digits of phone numbers in any formatting, lower-cases event names', () => {
		expect(
			parseFilters(node, {
				wabaIds: [WABA_ID, OTHER_WABA_ID],
				businessNumbers: '+1 (555) 078-3881; 106540352242922',
				eventNames: 'FLAGGED, identity_key_hash_changed',
			}),
		).toEqual({
			wabaIds: [WABA_ID, OTHER_WABA_ID],
			businessNumbers: ['15550783881', '106540352242922'],
			eventNames: ['flagged', 'identity_key_hash_changed'],
		});
	});

	it('empty fields filter nothing', () => {
		expect(parseFilters(node, { wabaIds: [], businessNumbers: undefined, eventNames: null })).toEqual({
			wabaIds: [],
			businessNumbers: [],
			eventNames: [],
		});
	});

	it('names the field, the value and the fix when an entry is wrong', () => {
		expect(() => parseFilters(node, { wabaIds: ['1022901', 'my-waba'], businessNumbers: '', eventNames: '' })).toThrow(
			/^WhatsApp Business Accounts .*numeric Graph object ID, such as 106540352242922/,
		);
		expect(() => parseFilters(node, { wabaIds: [], businessNumbers: 'sales line', eventNames: '' })).toThrow(
			/^Business Phone Numbers must list phone numbers/,
		);
		expect(() => parseFilters(node, { wabaIds: [], businessNumbers: '', eventNames: 'FLAGGED OR RED' })).toThrow(
			/^Event Names must list event names/,
		);
	});
});

describe('filters on events', () => {
	const withFilters = (filters: Partial<ReturnType<typeof parseFilters>>) =>
		settingsWith({ filters: { wabaIds: [], businessNumbers: [], eventNames: [], ...filters } });

	it('WABA IDs keep only events of those WABAs', () => {
		const settings = withFilters({ wabaIds: [OTHER_WABA_ID] });
		expect(emit(envelope('security', pinChanged, { wabaId: WABA_ID }), settings)).toEqual([]);
		expect(emit(envelope('security', pinChanged, { wabaId: OTHER_WABA_ID }), settings)).toHaveLength(1);
	});

	it('a business number matches the display number whatever its formatting', () => {
		const settings = withFilters({ businessNumbers: ['15550783881'] });
		const formatted = { ...qualityFlagged, display_phone_number: '+1 555-078-3881' };
		expect(emit(envelope('phone_number_quality_update', formatted), settings)).toHaveLength(1);
		const otherNumber = { ...qualityFlagged, display_phone_number: '+1 555-000-0000' };
		expect(emit(envelope('phone_number_quality_update', otherNumber), settings)).toEqual([]);
	});

	it('a phone-number ID matches the events that carry it (messages metadata)', () => {
		const settings = settingsWith({
			filters: { wabaIds: [], businessNumbers: [PHONE_NUMBER_ID], eventNames: [] },
			selectedEvents: new Set(['identity_key_hash_seen']),
			groups: new Set(['identity'] as const),
		});
		expect(emit(envelope('messages', messageWithContactHash('h')), settings)).toHaveLength(1);
		const elsewhere = { ...messageWithContactHash('h'), metadata: { display_phone_number: '15550000000', phone_number_id: '999' } };
		expect(emit(envelope('messages', elsewhere), settings)).toEqual([]);
	});

	it('events that name no business number (capability, account-wide updates) pass the number filter', () => {
		const settings = withFilters({ businessNumbers: ['15550000000'] });
		expect(emit(envelope('business_capability_update', capabilityUpdate), settings)).toHaveLength(1);
		expect(emit(envelope('account_update', accountVerified), settings)).toHaveLength(1);
	});

	it('event names keep only those events, whatever their case', () => {
		const settings = withFilters({ eventNames: ['flagged'] });
		expect(emit(envelope('phone_number_quality_update', qualityFlagged), settings)).toHaveLength(1);
		const upgraded = { ...qualityFlagged, event: 'UPGRADE' };
		expect(emit(envelope('phone_number_quality_update', upgraded), settings)).toEqual([]);
		expect(emit(envelope('security', pinChanged), settings)).toEqual([]);
	});

	it('identity memory is not touched by events of a WABA the filter excludes', () => {
		const settings = settingsWith({ filters: { wabaIds: [OTHER_WABA_ID], businessNumbers: [], eventNames: [] } });
		const memory = newMemory();
		expect(emit(envelope('messages', messageWithContactHash('h'), { wabaId: WABA_ID }), settings, memory)).toEqual([]);
		expect(memory.stored).toEqual({});
		// The same delivery from the WABA the filter keeps is remembered.
		expect(emit(envelope('messages', messageWithContactHash('h'), { wabaId: OTHER_WABA_ID }), settings, memory)).toHaveLength(1);
		expect(Object.keys(customersIn(memory.stored) ?? {})).toHaveLength(1);
	});

	it('an event the name filter drops does not mark its change as delivered', () => {
		const memory = newMemory();
		const payload = envelope('phone_number_quality_update', qualityFlagged);
		expect(emit(payload, withFilters({ eventNames: ['downgrade'] }), memory)).toEqual([]);
		expect(changesIn(memory.stored)).toEqual([]);
		expect(emit(payload, withFilters({ eventNames: ['flagged'] }), memory)).toHaveLength(1);
	});
});
