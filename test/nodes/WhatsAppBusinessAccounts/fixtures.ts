/** Values shared by the WhatsApp Business Accounts tests. */
import type { IDataObject } from 'n8n-workflow';

import { graphPath } from '../../harness/graphMock';

export const NODE_TYPE = 'whatsAppBusinessAccounts';
export const BUSINESS_ID = '506914307656634';
export const WABA_ID = '102290129340398';
export const CLIENT_WABA_ID = '104996122399160';

/** What the node asks for when the user picks no fields. */
export const DEFAULT_FIELDS = 'id,name,currency,timezone_id,account_review_status,business_verification_status,health_status';

export const OWNED_PATH = graphPath(`/${BUSINESS_ID}/owned_whatsapp_business_accounts`);
export const CLIENT_PATH = graphPath(`/${BUSINESS_ID}/client_whatsapp_business_accounts`);

/** A resource locator value entered "By ID". */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function waba(id: string, name: string, extra: IDataObject = {}): IDataObject {
	return { id, name, currency: 'USD', timezone_id: '1', account_review_status: 'APPROVED', business_verification_status: 'verified', ...extra };
}

/** A Graph list page; `after` marks a further page. */
export function page(data: IDataObject[], after?: string) {
	return after ? { data, paging: { cursors: { before: 'b', after }, next: `https://graph.facebook.com/next?after=${after}` } } : { data, paging: { cursors: { before: 'b', after: 'end' } } };
}
