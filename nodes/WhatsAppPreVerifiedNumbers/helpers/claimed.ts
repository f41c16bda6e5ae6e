import type { IDataObject } from 'n8n-workflow';

import { registrationDeadline } from '../../shared/registrationDeadline';

/** Formats differ between the two lists (`+1 211-555-5105` vs `12115555105`): compare digits. */
function digitsOf(phone: unknown): string {
	return String(phone ?? '').replace(/\D/g, '');
}

/**
 * The business phone numbers of a WABA that replaced numbers of the pool, with the
 * 90-day registration deadline of a claimed number, counted from `last_onboarded_time`.
 */
export function matchClaimedNumbers(
	pool: IDataObject[],
	businessPhoneNumbers: IDataObject[],
	wabaId: string,
	now: Date,
): IDataObject[] {
	const poolByDigits = new Map<string, IDataObject>();
	for (const number of pool) {
		const digits = digitsOf(number.phone_number);
		if (digits && !poolByDigits.has(digits)) poolByDigits.set(digits, number);
	}
	return businessPhoneNumbers.flatMap((phoneNumber) => {
		const preVerified = poolByDigits.get(digitsOf(phoneNumber.display_phone_number));
		if (!preVerified) return [];
		return [
			{
				preVerifiedNumberId: String(preVerified.id),
				phoneNumberId: String(phoneNumber.id),
				wabaId,
				phone_number: preVerified.phone_number,
				display_phone_number: phoneNumber.display_phone_number,
				code_verification_status: phoneNumber.code_verification_status,
				status: phoneNumber.status,
				// Matched against the pool, so the claim rule applies whatever is_preverified_number says.
				registration: registrationDeadline(
					{ rule: 'preVerifiedClaim', onboardedAt: phoneNumber.last_onboarded_time, status: phoneNumber.status },
					now,
				),
			},
		];
	});
}
