import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { runListSearch } from '../../../harness/listSearch';
import { PHONE_NUMBER_ID, QR_CODE, QR_PATH } from '../fixtures';

isolateNetwork();

const search = async (parameters: Record<string, unknown>, filter?: string) =>
	await runListSearch('searchQrCodes', parameters as never, filter, 'whatsAppQrCodes');

const phoneNumberId = { __rl: true, mode: 'list', value: PHONE_NUMBER_ID };

describe('WhatsApp QR Codes: QR code list', () => {
	it('lists the newest codes of the chosen number, 25 a page, narrowed by code or message, linking each to its wa.me address', async () => {
		graphApi()
			.get(graphPath(QR_PATH))
			.query({ limit: '25' })
			.reply(200, {
				data: [
					{ code: QR_CODE, prefilled_message: 'Store hours?', deep_link_url: `https://wa.me/message/${QR_CODE}` },
					{ code: 'WOMVT6TJ2BP7A1', prefilled_message: 'Workshop dates', deep_link_url: 'https://wa.me/message/WOMVT6TJ2BP7A1' },
				],
			});

		expect(await search({ phoneNumberId }, 'hours')).toEqual({
			results: [{ name: `${QR_CODE} — Store hours?`, value: QR_CODE, url: `https://wa.me/message/${QR_CODE}` }],
		});
	});

	it('looks a typed code up directly, so an older code is found too', async () => {
		graphApi()
			.get(graphPath(QR_PATH))
			.query({ code: 'WOMVT6TJ2BP7A1', limit: '25' })
			.reply(200, { data: [{ code: 'WOMVT6TJ2BP7A1', prefilled_message: 'Workshop dates' }] });

		expect(await search({ phoneNumberId }, 'womvt6tj2bp7a1')).toEqual({
			results: [{ name: 'WOMVT6TJ2BP7A1 — Workshop dates', value: 'WOMVT6TJ2BP7A1', url: undefined }],
		});
	});

	it('asks for a phone number first, without any request', async () => {
		await expect(search({})).rejects.toThrow('Choose a Phone Number first');
	});
});
