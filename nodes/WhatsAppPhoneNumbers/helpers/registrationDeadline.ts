import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { addDays, daysUntil, parseGraphTime } from '../../shared/graphTime';

/** Meta: a number must be registered up to 14 days after Embedded Signup, or go through it again. */
export const REGISTRATION_WINDOW_DAYS = 14;

export interface RegistrationDeadline {
	/** When the registration window closes (ISO). */
	registrationDeadline: string;
	/** Whole days left to register; negative once the deadline has passed. */
	registrationDaysLeft: number;
}

/**
 * The registration deadline of a number that was onboarded but is not connected yet.
 * Undefined when the number is connected, or when Graph did not return its status or
 * onboarding time (the user may have left those fields out).
 */
export function registrationDeadlineOf(phoneNumber: IDataObject, now: Date): RegistrationDeadline | undefined {
	const status = phoneNumber.status;
	if (typeof status !== 'string' || status.toUpperCase() === 'CONNECTED') return undefined;
	const onboardedAt = parseGraphTime(phoneNumber.last_onboarded_time);
	if (!onboardedAt) return undefined;
	const deadline = addDays(onboardedAt, REGISTRATION_WINDOW_DAYS);
	return { registrationDeadline: deadline.toISOString(), registrationDaysLeft: daysUntil(deadline, now) };
}

/** `postReceive`: adds the registration deadline to each number that still needs registering. */
export async function addRegistrationDeadline(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const now = new Date();
	return items.map((item) => {
		const deadline = registrationDeadlineOf(item.json, now);
		return deadline ? { ...item, json: { ...item.json, ...deadline } } : item;
	});
}
