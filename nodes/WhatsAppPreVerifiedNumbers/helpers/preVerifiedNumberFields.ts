/** What the pool's lists and Get ask for: everything the lifecycle needs, in the same call. */
export const PRE_VERIFIED_NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time';
