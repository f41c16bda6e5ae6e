import { createHash } from 'node:crypto';

import { CONNECTED_NUMBER_ID, FLAGGED_NUMBER_ID, graphError, useSandbox } from './helpers';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('sandbox photo bytes')]);

describe('Graph sandbox: business profile', () => {
	const { graph, sandbox } = useSandbox();

	const profileOf = async (id = CONNECTED_NUMBER_ID, fields = 'about,address,description,email,profile_picture_url,websites,vertical') =>
		(await graph(`/${id}/whatsapp_business_profile?fields=${fields}`)).body;
	const update = (json: unknown, id = CONNECTED_NUMBER_ID) => graph(`/${id}/whatsapp_business_profile`, { method: 'POST', json });

	/** Meta's two steps: a session on the app, then the bytes with OAuth and file_offset. */
	async function upload(bytes: Buffer, fileType = 'image/jpeg', authorization = `OAuth ${sandbox.credentials.accessToken}`) {
		const session = await graph(`/${sandbox.credentials.appId}/uploads?file_length=${bytes.length}&file_type=${fileType}&file_name=photo.jpg`, { method: 'POST' });
		const response = await fetch(`${sandbox.url}/v24.0/${session.body.id}`, {
			method: 'POST',
			headers: { Authorization: authorization, file_offset: '0', 'Content-Type': fileType },
			body: bytes,
		});
		return { session: session.body, status: response.status, body: await response.json() };
	}

	it("answers Meta's shape, sets only the fields sent, and counts the calls", async () => {
		expect(await profileOf()).toEqual({ data: [{ vertical: 'UNDEFINED', messaging_product: 'whatsapp' }] });

		expect((await update({ messaging_product: 'whatsapp', about: 'Succulent specialists!', websites: ['https://www.luckyshrub.com'] })).body).toEqual({ success: true });
		expect((await update({ messaging_product: 'whatsapp', vertical: 'RETAIL' })).body).toEqual({ success: true });

		expect(await profileOf()).toEqual({ data: [{ about: 'Succulent specialists!', websites: ['https://www.luckyshrub.com'], vertical: 'RETAIL', messaging_product: 'whatsapp' }] });
		expect((await profileOf(CONNECTED_NUMBER_ID, 'about,messaging_product')).data).toEqual([{ about: 'Succulent specialists!', messaging_product: 'whatsapp' }]);
		expect(sandbox.counts.endpoints).toMatchObject({
			'POST /{phone_number}/whatsapp_business_profile': 2,
			'GET /{phone_number}/whatsapp_business_profile': 3,
		});
	});

	it.each([
		['no messaging_product', { messaging_product: undefined }, /messaging_product is required/],
		['an about of 140 characters', { about: 'a'.repeat(140) }, /about must be between 1 and 139 characters/],
		['an empty about', { about: '' }, /about must be between 1 and 139/],
		['an address of 257 characters', { address: 'a'.repeat(257) }, /address must be at most 256/],
		['a description of 513 characters', { description: 'a'.repeat(513) }, /description must be at most 512/],
		['an invalid email', { email: 'lucky@' }, /email must be a valid email address/],
		['three websites', { websites: ['https://a.example', 'https://b.example', 'https://c.example'] }, /websites must have at most 2 elements/],
		['a website without http', { websites: ['www.example.com'] }, /websites\[0\] must be a URL starting with http/],
		['an unknown vertical', { vertical: 'PLANTS' }, /vertical must be one of/],
		['an unknown handle', { profile_picture_handle: '4::bad' }, /not a valid file handle/],
	])('refuses %s with error 100 and changes nothing', async (_case, fields, message) => {
		const error = graphError(await update({ messaging_product: 'whatsapp', about: 'kept?', ...fields }));

		expect(error.code).toBe(100);
		expect(error.message).toMatch(message);
		expect(await profileOf()).toEqual({ data: [{ vertical: 'UNDEFINED', messaging_product: 'whatsapp' }] });
	});

	it('takes a photo in two upload steps, accepts its handle once, then serves profile_picture_url', async () => {
		const { session, status, body } = await upload(JPEG);

		expect(session.id).toMatch(/^upload:[\w-]+\?sig=[\w-]+$/);
		expect(status).toBe(200);
		expect(body).toEqual({ h: expect.stringMatching(/^4::/) });
		expect((await update({ messaging_product: 'whatsapp', profile_picture_handle: body.h })).body).toEqual({ success: true });

		const [profile] = (await profileOf()).data;
		expect(profile.profile_picture_url).toMatch(/^https:\/\/pps\.whatsapp\.net\/v\/t61\.sandbox\/106540352242922_[0-9a-f]{16}\.jpg$/);
		expect(sandbox.state.profiles[CONNECTED_NUMBER_ID].profile.photo).toMatchObject({
			type: 'image/jpeg',
			length: JPEG.length,
			sha256: createHash('sha256').update(JPEG).digest('hex'),
		});
		expect(graphError(await update({ messaging_product: 'whatsapp', profile_picture_handle: body.h }, FLAGGED_NUMBER_ID)).message).toMatch(/already used/);
		expect(sandbox.counts.endpoints).toMatchObject({ 'POST /{app}/uploads': 1, 'POST /{upload_session}': 1 });
	});

	it("tells how far an upload came, and refuses what Meta's upload API does not take", async () => {
		const appId = sandbox.credentials.appId;
		expect(graphError(await graph(`/${appId}/uploads?file_length=10&file_type=image/gif`, { method: 'POST' })).message).toMatch(/file_type must be one of/);
		expect(graphError(await graph(`/${appId}/uploads?file_type=image/png`, { method: 'POST' })).message).toMatch(/file_length must be a positive integer/);

		const session = (await graph(`/${appId}/uploads?file_length=${JPEG.length}&file_type=image/jpeg`, { method: 'POST' })).body;
		expect((await graph(`/${session.id}`)).body).toEqual({ id: session.id, file_offset: 0 });
		const wrongLength = await fetch(`${sandbox.url}/v24.0/${session.id}`, {
			method: 'POST',
			headers: { Authorization: `OAuth ${sandbox.credentials.accessToken}`, file_offset: '0', 'Content-Type': 'image/jpeg' },
			body: JPEG.subarray(1),
		});
		expect((await wrongLength.json()).error.message).toMatch(/session was started for file_length 23/);

		const bearer = await upload(JPEG, 'image/jpeg', `Bearer ${sandbox.credentials.accessToken}`);
		expect(bearer.body.error.message).toMatch(/Authorization: OAuth/);
		const forged = await fetch(`${sandbox.url}/v24.0/${session.id.replace(/sig=.*/, 'sig=forged')}`, { method: 'GET', headers: { Authorization: `OAuth ${sandbox.credentials.accessToken}` } });
		expect((await forged.json()).error.message).toMatch(/Invalid upload session ID/);
	});

	it('refuses a PDF handle as a profile photo', async () => {
		const pdf = Buffer.from('%PDF-1.7 sandbox');
		const { body } = await upload(pdf, 'application/pdf');

		expect(graphError(await update({ messaging_product: 'whatsapp', profile_picture_handle: body.h })).message).toMatch(/must be a JPEG or PNG image/);
	});
});

describe('Graph sandbox: conversational automation', () => {
	const { graph, sandbox } = useSandbox();

	const set = (json: unknown) => graph(`/${CONNECTED_NUMBER_ID}/conversational_automation`, { method: 'POST', json });
	const read = async () => (await graph(`/${CONNECTED_NUMBER_ID}?fields=conversational_automation`)).body;

	it('keeps the parts sent and reads them as a field of the number', async () => {
		expect(await read()).toEqual({ id: CONNECTED_NUMBER_ID });

		expect((await set({ enable_welcome_message: true, prompts: ['Plan a trip'] })).body).toEqual({ success: true });
		expect((await set({ commands: [{ command_name: 'track', command_description: 'Track your order' }] })).body).toEqual({ success: true });

		expect(await read()).toEqual({
			id: CONNECTED_NUMBER_ID,
			conversational_automation: { enable_welcome_message: true, prompts: ['Plan a trip'], commands: [{ command_name: 'track', command_description: 'Track your order' }] },
		});
		expect(sandbox.counts.endpoints['POST /{phone_number}/conversational_automation']).toBe(2);
	});

	it("refuses what Meta refuses, in Meta's words", async () => {
		const fivePrompts = graphError(await set({ prompts: ['a', 'b', 'c', 'd', 'e'] }));
		expect(fivePrompts).toMatchObject({ code: 105, message: '(#105) The parameter prompts must have at most 4 elements, 5 found.' });
		expect(graphError(await set({ prompts: ['x'.repeat(81)] })).message).toBe('(#100) Param prompts[0] must be at most 80 characters long.');
		const longName = graphError(await set({ commands: [{ command_name: 'n'.repeat(33), command_description: 'd' }] }));
		expect(longName.message).toBe("(#100) Param commands[0]['command_name'] must be at most 32 characters long.");
		const thirtyOne = Array.from({ length: 31 }, (_, index) => ({ command_name: `c${index}`, command_description: 'd' }));
		expect(graphError(await set({ commands: thirtyOne })).code).toBe(105);
		expect(graphError(await set({})).message).toMatch(/One of \{enable_welcome_message, prompts, commands\} is required/);
		expect(await read()).toEqual({ id: CONNECTED_NUMBER_ID });
	});
});
