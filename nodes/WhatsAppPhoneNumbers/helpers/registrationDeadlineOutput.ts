import type { INodeExecutionData } from 'n8n-workflow';

import { parseGraphTime } from '../../shared/graphTime';
import { isRegistered, registrationDeadlineOfPhoneNumber } from '../../shared/registrationDeadline';

/**
 * `postReceive`: a number onboarded but not registered yet (PENDING) gets `registration`, its deadline by
 * Meta's rule for where it came from.
 */
export async function addRegistrationDeadline(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const now = new Date();
	return items.map((item) => {
		const { status, last_onboarded_time: onboardedAt } = item.json;
		// A registered number has no deadline; without the status or the onboarding time (fields the
		// user left out) there is nothing to say.
		if (isRegistered(status) !== false || !parseGraphTime(onboardedAt)) return item;
		return { ...item, json: { ...item.json, registration: registrationDeadlineOfPhoneNumber(item.json, now) } };
	});
}
