import { jsonOf } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runProfile } from '../fixtures';

isolateNetwork();

const PROFILE = {
	about: 'Succulent specialists!',
	address: '1 Hacker Way, Menlo Park, CA 94025',
	description: 'At Lucky Shrub, we specialize in providing a wide variety of succulents.',
	email: 'lucky@luckyshrub.com',
	messaging_product: 'whatsapp',
	profile_picture_url: 'https://pps.whatsapp.net/v/t61.24694-24/shrub.jpg',
	websites: ['https://www.luckyshrub.com/'],
	vertical: 'RETAIL',
};

describe('WhatsApp Business Profile: Get Profile', () => {
	it("asks for Meta's profile fields and outputs the profile itself, tagged with the number", async () => {
		const scope = graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}/whatsapp_business_profile`))
			.query({ fields: 'about,address,description,email,profile_picture_url,websites,vertical' })
			.reply(200, { data: [PROFILE] });

		const { items, error } = await runProfile({ operation: 'getProfile', phoneNumberId });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([{ ...PROFILE, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('outputs one item per input item, each for its own number', async () => {
		const other = '106540352242923';
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}/whatsapp_business_profile`)).query(true).reply(200, { data: [PROFILE] });
		graphApi().get(graphPath(`/${other}/whatsapp_business_profile`)).query(true).reply(200, { data: [{ about: 'Second number' }] });

		const { items, error } = await runProfile(
			{ operation: 'getProfile', phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ input: [{ json: { id: PHONE_NUMBER_ID } }, { json: { id: other } }] },
		);

		expect(error).toBeUndefined();
		expect(jsonOf(items).map(({ phoneNumberId: id, about }) => [id, about])).toEqual([
			[PHONE_NUMBER_ID, 'Succulent specialists!'],
			[other, 'Second number'],
		]);
	});

	it("maps Meta's permission error, keeping its code and fbtrace_id", async () => {
		graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}/whatsapp_business_profile`))
			.query(true)
			.reply(403, graphErrorBody(200, '(#200) Permissions error'));

		const { items, error } = await runProfile({ operation: 'getProfile', phoneNumberId });

		expect(items).toEqual([]);
		expect(error?.message).toMatch(/lacks a permission/);
		expect(error?.description).toMatch(/Graph error 200, fbtrace_id AbCdEfGhIjK_fbtrace/);
	});
});
