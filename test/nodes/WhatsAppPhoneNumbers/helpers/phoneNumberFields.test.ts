import { phoneNumberFieldList } from '../../../../nodes/WhatsAppPhoneNumbers/helpers/phoneNumberFields';

describe('phoneNumberFieldList', () => {
	it('uses the usual set when no field is chosen', () => {
		expect(phoneNumberFieldList([], '')).toBe(
			'id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,throughput,platform_type,is_on_biz_app,whatsapp_business_manager_messaging_limit,last_onboarded_time,account_mode,is_preverified_number',
		);
	});

	it('asks for is_preverified_number with status and last_onboarded_time: the registration deadline depends on it', () => {
		expect(phoneNumberFieldList(['status'], 'last_onboarded_time')).toBe('status,last_onboarded_time,is_preverified_number');
		expect(phoneNumberFieldList(['status', 'is_preverified_number', 'last_onboarded_time'], '')).toBe(
			'status,is_preverified_number,last_onboarded_time',
		);
		expect(phoneNumberFieldList(['status'], '')).toBe('status');
	});

	it('adds typed names to the chosen fields once each', () => {
		expect(phoneNumberFieldList(['id', 'status'], 'status, is_pin_enabled')).toBe('id,status,is_pin_enabled');
	});
});
