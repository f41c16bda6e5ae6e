import { phoneNumberFieldList, splitFieldNames } from '../../../../nodes/WhatsAppPhoneNumbers/helpers/phoneNumberFields';

describe('splitFieldNames', () => {
	it('splits on top-level commas only, keeping field expansion whole', () => {
		expect(splitFieldNames(' health_status , webhook_configuration{application,url},, throughput{level} ')).toEqual([
			'health_status',
			'webhook_configuration{application,url}',
			'throughput{level}',
		]);
	});

	it('gives nothing for an empty text', () => {
		expect(splitFieldNames('  ')).toEqual([]);
	});
});

describe('phoneNumberFieldList', () => {
	it('uses the usual set when no field is chosen', () => {
		expect(phoneNumberFieldList([], '')).toBe(
			'id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,throughput,last_onboarded_time,account_mode',
		);
	});

	it('adds typed names to the chosen fields once each', () => {
		expect(phoneNumberFieldList(['id', 'status'], 'status, is_pin_enabled')).toBe('id,status,is_pin_enabled');
	});
});
