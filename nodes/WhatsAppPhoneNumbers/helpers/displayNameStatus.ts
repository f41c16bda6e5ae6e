import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { DISPLAY_NAME_CHANGE_STEPS } from './displayName';

/** Statuses under which Meta lets the certificate be downloaded. */
const DOWNLOADABLE_STATUSES = new Set(['APPROVED', 'AVAILABLE_WITHOUT_REVIEW']);

/** Meta's documented display-name statuses, in words. */
const NAME_STATUS_MEANINGS: Record<string, string> = {
	APPROVED: 'The display name has been approved. You can download the certificate now (it is valid for 7 days).',
	AVAILABLE_WITHOUT_REVIEW:
		'The display name can be used without review. You can download the certificate now (it is valid for 7 days).',
	DECLINED: 'The display name was not approved. You cannot download a certificate.',
	EXPIRED: 'The certificate has expired and can no longer be downloaded.',
	PENDING_REVIEW: 'The display name request is under review. You cannot download a certificate yet.',
	NONE: 'No certificate is available.',
};

export interface NameStatusReading {
	canDownload: boolean;
	meaning: string;
}

/** What a display-name status means; a status Meta adds later passes through with a neutral meaning. */
export function readNameStatus(status: unknown): NameStatusReading {
	if (status === undefined || status === null || status === '') {
		return { canDownload: false, meaning: 'Meta returned no display name status for this number.' };
	}
	const key = String(status).toUpperCase();
	return {
		canDownload: DOWNLOADABLE_STATUSES.has(key),
		meaning:
			NAME_STATUS_MEANINGS[key] ??
			`Meta reports the status "${String(status)}", which this node does not know; check the number in WhatsApp Manager.`,
	};
}

/** What to do next about a requested name (`new_name_status`), the flow Change Display Name starts. */
const NEXT_STEP_BY_NEW_NAME_STATUS: Record<string, string> = {
	PENDING_REVIEW: DISPLAY_NAME_CHANGE_STEPS.underReview,
	APPROVED: DISPLAY_NAME_CHANGE_STEPS.afterApproval,
	AVAILABLE_WITHOUT_REVIEW: DISPLAY_NAME_CHANGE_STEPS.afterApproval,
	DECLINED: DISPLAY_NAME_CHANGE_STEPS.declined,
	EXPIRED: DISPLAY_NAME_CHANGE_STEPS.expired,
};

function withStatusMeanings(phoneNumber: IDataObject): IDataObject {
	const current = readNameStatus(phoneNumber.name_status);
	const described: IDataObject = {
		...phoneNumber,
		canDownloadCertificate: current.canDownload,
		nameStatusMeaning: current.meaning,
	};
	// new_name_status only exists while a display-name change is in progress.
	if (phoneNumber.new_name_status !== undefined) {
		const requested = readNameStatus(phoneNumber.new_name_status);
		described.canDownloadNewCertificate = requested.canDownload;
		described.newNameStatusMeaning = requested.meaning;
		const nextStep = NEXT_STEP_BY_NEW_NAME_STATUS[String(phoneNumber.new_name_status).toUpperCase()];
		if (nextStep) described.newNameNextStep = nextStep;
	}
	return described;
}

/** `postReceive`: says in words whether a certificate can be downloaded and what the status means. */
export async function addDisplayNameStatusMeaning(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: withStatusMeanings(item.json) }));
}
