import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { taggedWithPhoneNumber } from '../../shared/outputs';
import { parameterOf, getValidatedParameter } from '../../shared/parameters';
import { sendToGraphObject, sendValidated } from '../../shared/requestSteps';
import {
	DISPLAY_NAME_CHANGE_STEPS,
	DISPLAY_NAME_CHANGES_PER_30_DAYS,
	DISPLAY_NAME_MAX_LENGTH,
	displayName,
	REREGISTER_AFTER_APPROVAL_DAYS,
} from '../helpers/displayName';

const newDisplayNameProperty: INodeProperties = {
	displayName: 'New Display Name',
	name: 'newDisplayName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. Jasper Market',
	description: `The name to show in the number's WhatsApp profile, up to ${DISPLAY_NAME_MAX_LENGTH} characters. Follow Meta's display name guidelines (at least 3 characters, no emoji, capitalised like your brand) or Meta declines it.`,
};

const newDisplayNameParameter = parameterOf(newDisplayNameProperty, displayName, {
	hint: `Enter the new display name, 1 to ${DISPLAY_NAME_MAX_LENGTH} characters, in "New Display Name".`,
});

const changeFlowNotice: INodeProperties = {
	displayName: `Meta reviews the new name before it is shown, and allows ${DISPLAY_NAME_CHANGES_PER_30_DAYS} changes per number in 30 days, so this node sends it once and never retries. The phone_number_name_update webhook announces Meta's decision; Get Display Name Status & Certificate reads it. Once approved, register the number again within ${REREGISTER_AFTER_APPROVAL_DAYS} days (Register: 10 register/deregister calls per 72 hours) for the new name to take effect.`,
	name: 'changeDisplayNameNotice',
	type: 'notice',
	default: '',
};

/** Graph answers `{success: true}`: the output adds the name sent and what happens next. */
async function describeRequestedName(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const newDisplayName = getValidatedParameter(this, newDisplayNameParameter);
	const nextSteps = `${DISPLAY_NAME_CHANGE_STEPS.underReview} ${DISPLAY_NAME_CHANGE_STEPS.afterApproval}`;
	return items.map((item) => ({ ...item, json: { ...item.json, new_display_name: newDisplayName, nextSteps } }));
}

export const option = graphOperation({
	name: 'Change Display Name',
	value: 'changeDisplayName',
	action: 'Change the display name of a phone number',
	toolDescription:
		'Asks Meta to change a phone number\'s display name (by phone-number ID); Meta reviews the new name before it shows.',
	description:
		"Ask Meta to review a new display name for a business phone number; follow it with Get Display Name Status & Certificate, then Register once it is approved",
	repeat: 'oneShotWrite',
	oneShotBecause: `each change counts against Meta's limit of ${DISPLAY_NAME_CHANGES_PER_30_DAYS} display-name changes per number in 30 days`,
	outcomeCheck:
		'read the number with Get Display Name Status & Certificate: if new_display_name shows the name you sent, the change arrived',
	routing: {
		request: { method: 'POST' },
		send: {
			// Meta's documented request carries the name in the query string.
			preSend: [
				sendToGraphObject(phoneNumberIdParameter),
				sendValidated({ ...newDisplayNameParameter, sendAs: { in: 'qs', property: 'new_display_name' } }),
			],
		},
		output: { postReceive: [taggedWithPhoneNumber, describeRequestedName] },
	},
});

export const properties: INodeProperties[] = [
	changeFlowNotice,
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
	newDisplayNameProperty,
];
