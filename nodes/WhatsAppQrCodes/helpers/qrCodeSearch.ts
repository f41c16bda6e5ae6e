import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { currentGraphObjectId, matches } from '../../shared/listSearch';
import { graphApiList } from '../../shared/transport';
import { QR_CODE_PAGE_SIZE } from './qrCode';

/** The newest codes only: each page of 25 is one call against the WABA's hourly budget. */
const QR_CODE_LIST_LIMIT = 100;

/** The QR codes of the phone number chosen in the node, as `code — prefilled message`. */
export async function searchQrCodes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const phoneNumberId = currentGraphObjectId(this, 'phoneNumberId');
	if (!phoneNumberId) {
		throw new NodeOperationError(this.getNode(), 'Choose a Phone Number first', {
			description: 'QR codes belong to a phone number. Pick one in "Phone Number", or enter the QR code "By Code".',
		});
	}
	// A typed code is looked up directly, so codes older than the newest 100 can be found too.
	const typedCode = filter?.trim().toUpperCase();
	const qs = typedCode && /^[A-Z0-9]{14}$/.test(typedCode) ? { code: typedCode } : {};
	const codes = await graphApiList.call(this, `/${phoneNumberId}/message_qrdls`, qs, {
		maxResults: QR_CODE_LIST_LIMIT,
		pageSize: QR_CODE_PAGE_SIZE,
	});
	return {
		results: codes
			.filter((qrCode) => matches(filter, qrCode.code, qrCode.prefilled_message))
			.map((qrCode) => ({
				name: `${String(qrCode.code)} — ${String(qrCode.prefilled_message ?? '')}`,
				value: String(qrCode.code),
				url: typeof qrCode.deep_link_url === 'string' ? qrCode.deep_link_url : undefined,
			})),
	};
}
