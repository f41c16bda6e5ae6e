import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { phoneNumberIdParameter, phoneNumberIdLocator, wabaForPhoneNumberList } from '../../shared/descriptions';
import { graphOperation } from '../../shared/graphOperation';
import { namingGraphId } from '../../shared/outputs';
import { sendToGraphObject } from '../../shared/requestSteps';
import { obaStatusSummary, REAPPLY_AFTER_REJECTION_DAYS } from '../helpers/officialBusinessAccount';

/** The request's status and the badge itself, both fields of the number: one read. */
const OBA_FIELDS = 'official_business_account,is_official_business_account';

async function askForObaStatus(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return { ...requestOptions, qs: { ...(requestOptions.qs as IDataObject), fields: OBA_FIELDS } };
}

/** Graph's object as it came, plus `obaStatus` and a one-line `summary` for any status. */
async function describeObaStatus(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const request = item.json.official_business_account as IDataObject | undefined;
		const obaStatus = typeof request?.oba_status === 'string' ? request.oba_status : null;
		const rejected = obaStatus === 'REJECTED';
		return {
			...item,
			json: {
				...item.json,
				obaStatus,
				summary: obaStatusSummary(obaStatus ?? undefined),
				...(rejected ? { reapplyAfterRejectionDays: REAPPLY_AFTER_REJECTION_DAYS } : {}),
			},
		};
	});
}

export const option = graphOperation({
	name: 'Get Official Business Account Status',
	value: 'getOfficialBusinessAccountStatus',
	action: 'Get the official business account status of a phone number',
	toolDescription:
		'Reads whether a phone number (by phone-number ID) has the official business account blue badge, and the status of its application.',
	description:
		'Read whether a number has the blue badge and where its Official Business Account request stands (NOT_STARTED, PENDING, APPROVED, REJECTED)',
	repeat: 'read',
	routing: {
		request: { method: 'GET' },
		send: { preSend: [sendToGraphObject(phoneNumberIdParameter), askForObaStatus] },
		output: { postReceive: [namingGraphId('phoneNumberId'), describeObaStatus] },
	},
});

export const properties: INodeProperties[] = [
	{
		displayName: `After a rejection, a new request can be sent ${REAPPLY_AFTER_REJECTION_DAYS} days later at the earliest (Apply for Official Business Account).`,
		name: 'obaStatusNotice',
		type: 'notice',
		default: '',
	},
	wabaForPhoneNumberList,
	phoneNumberIdLocator,
];
