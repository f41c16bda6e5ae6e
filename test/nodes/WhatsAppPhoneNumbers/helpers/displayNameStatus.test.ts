import { readNameStatus } from '../../../../nodes/WhatsAppPhoneNumbers/helpers/displayNameStatus';

describe('readNameStatus', () => {
	it.each([
		['APPROVED', true, /approved\. You can download the certificate now/],
		['AVAILABLE_WITHOUT_REVIEW', true, /without review\. You can download the certificate now/],
		['DECLINED', false, /not approved\. You cannot download a certificate/],
		['EXPIRED', false, /expired and can no longer be downloaded/],
		['PENDING_REVIEW', false, /under review\. You cannot download a certificate yet/],
		['NONE', false, /No certificate is available/],
	])('explains %s', (status, canDownload, meaning) => {
		expect(readNameStatus(status)).toEqual({ canDownload, meaning: expect.stringMatching(meaning) });
	});

	it('passes an unknown status through with a neutral meaning and no download', () => {
		expect(readNameStatus('DEFERRED')).toEqual({
			canDownload: false,
			meaning: 'Meta reports the status "DEFERRED", which this node does not know; check the number in WhatsApp Manager.',
		});
	});

	it('says when Meta returned no status', () => {
		expect(readNameStatus(undefined)).toEqual({
			canDownload: false,
			meaning: 'Meta returned no display name status for this number.',
		});
	});
});
