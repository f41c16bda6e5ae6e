import { jsonOf, runNode } from '../../../harness/engine';
import { graphApi, graphErrorBody, graphPath, isolateNetwork, TEST_ACCESS_TOKEN, testCredentials } from '../../../harness/graphMock';
import { APP_ID, bytesOf, itemWithFile, JPEG_BYTES, NODE_TYPE, PHONE_NUMBER_ID, phoneNumberId, PNG_BYTES, runProfile, uploadApi } from '../fixtures';

// With the network closed, a refusal proves that no request was sent.
isolateNetwork();

const PROFILE_PATH = graphPath(`/${PHONE_NUMBER_ID}/whatsapp_business_profile`);
const SESSION_ID = 'upload:MTphdHRhY2htZW50OjVlNjBmNTQ4?sig=ARZzDqRo';
const HANDLE = '4::aW1hZ2UvanBlZw==:ARYzKO4cTa';

function update(profileFields: Record<string, unknown>, extra: Record<string, unknown> = {}, options: Parameters<typeof runProfile>[1] = {}) {
	return runProfile({ operation: 'updateProfile', phoneNumberId, profileFields, ...extra }, options);
}

const withPhoto = { profilePhoto: 'binary', photoBinaryPropertyName: 'data' };

/** Step 1 of Meta's Resumable Upload API, asserted: app, length, type, name, bearer token. */
function expectSessionStart(bytes: Buffer, fileType: string, fileName: string) {
	return graphApi()
		.post(graphPath(`/${APP_ID}/uploads`))
		.query({ file_length: String(bytes.length), file_type: fileType, file_name: fileName })
		.reply(200, { id: SESSION_ID });
}

/** Step 2, asserted: the session path with its own query, OAuth and file_offset headers, the bytes. */
function expectBytes(bytes: Buffer, contentType: string) {
	let received: Buffer | undefined;
	const scope = uploadApi()
		.matchHeader('content-type', contentType)
		.post(graphPath('/upload:MTphdHRhY2htZW50OjVlNjBmNTQ4'), (body) => {
			received = bytesOf(body);
			return true;
		})
		.query({ sig: 'ARZzDqRo' })
		.reply(200, { h: HANDLE });
	return { scope, received: () => received };
}

describe('WhatsApp Business Profile: Update Profile', () => {
	it('posts messaging_product and only the fields that were added, checked and trimmed', async () => {
		const scope = graphApi()
			.post(PROFILE_PATH, {
				messaging_product: 'whatsapp',
				about: 'Succulent specialists!',
				email: 'lucky@luckyshrub.com',
				websites: ['https://www.luckyshrub.com', 'http://instagram.com/luckyshrub'],
				vertical: 'RETAIL',
			})
			.query({})
			.reply(200, { success: true });

		const { items, error } = await update({
			about: ' Succulent specialists! ',
			email: 'lucky@luckyshrub.com',
			websites: 'https://www.luckyshrub.com\nhttp://instagram.com/luckyshrub\n',
			vertical: 'RETAIL',
		});

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{ success: true, updatedFields: ['about', 'vertical', 'email', 'websites'], profilePhotoUploaded: false, phoneNumberId: PHONE_NUMBER_ID },
		]);
	});

	it('uploads the photo from binary data in two steps, then sends its handle with the fields', async () => {
		const session = expectSessionStart(JPEG_BYTES, 'image/jpeg', 'profile.jpg');
		const upload = expectBytes(JPEG_BYTES, 'image/jpeg');
		const profile = graphApi()
			.post(PROFILE_PATH, { messaging_product: 'whatsapp', description: 'Plants for every home', profile_picture_handle: HANDLE })
			.query({})
			.reply(200, { success: true });

		const { run, items, error } = await update({ description: 'Plants for every home' }, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(error).toBeUndefined();
		expect(session.isDone()).toBe(true);
		expect(upload.scope.isDone()).toBe(true);
		expect(upload.received()?.equals(JPEG_BYTES)).toBe(true);
		expect(profile.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([
			{ success: true, updatedFields: ['description'], profilePhotoUploaded: true, phoneNumberId: PHONE_NUMBER_ID },
		]);
		expect(JSON.stringify(run.data.resultData.runData)).not.toContain(TEST_ACCESS_TOKEN);
	});
});

describe('WhatsApp Business Profile: Update Profile refuses bad input before any request', () => {
	it.each([
		['an empty About', { about: '  ' }, 'About must be 1 to 139 characters; it has 0'],
		['an About of 140 characters', { about: 'a'.repeat(140) }, 'About must be 1 to 139 characters; it has 140'],
		['an address of 257 characters', { address: 'b'.repeat(257) }, 'Address must be at most 256 characters; it has 257'],
		['a description of 513 characters', { description: 'c'.repeat(513) }, 'Description must be at most 512 characters; it has 513'],
		['an e-mail without a domain', { email: 'lucky@' }, 'Email must be a valid e-mail address, such as hello@example.com'],
		['an e-mail of 129 characters', { email: `${'d'.repeat(117)}@example.com` }, 'Email must be at most 128 characters'],
		['three websites', { websites: 'https://a.example\nhttps://b.example\nhttps://c.example' }, 'Websites may hold at most 2 addresses; 3 given'],
		['a website without http(s)', { websites: 'www.luckyshrub.com' }, 'Websites must be full http:// or https:// addresses; "www.luckyshrub.com" is not'],
		['an ftp website', { websites: ['ftp://luckyshrub.com'] }, 'Websites must be full http:// or https:// addresses; "ftp://luckyshrub.com" is not'],
		['a website of 257 characters', { websites: `https://example.com/${'e'.repeat(237)}` }, 'Websites must be at most 256 characters each; one has 257'],
		['an unknown category', { vertical: '={{ "PLANTS" }}' }, "Category must be one of Meta's categories: AUTO, BEAUTY, APPAREL"],
	])('refuses %s, naming the field', async (_case, profileFields, message) => {
		const { items, error } = await update(profileFields);

		expect(items).toEqual([]);
		expect(error?.message).toContain(message);
		expect(error?.description).toBeTruthy();
	});

	it('counts an emoji as one character, as Meta does', async () => {
		const about = '🌵'.repeat(139);
		const scope = graphApi().post(PROFILE_PATH, { messaging_product: 'whatsapp', about }).query({}).reply(200, { success: true });

		const { error } = await update({ about });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('refuses an update with no field and no photo', async () => {
		const { error } = await update({});

		expect(error?.message).toBe('Nothing to update: no profile field was added and the photo is kept');
		expect(error?.description).toMatch(/Add at least one field under "Profile Fields"/);
	});

	it('refuses a photo that is not JPEG or PNG, whatever the item says its type is', async () => {
		const gif = Buffer.from('GIF89a lucky shrub');

		const { error } = await update({}, withPhoto, { input: [itemWithFile(gif, { mimeType: 'image/jpeg', fileName: 'shrub.jpg' })] });

		expect(error?.message).toBe('The profile photo "shrub.jpg" is not a JPEG or PNG image');
		expect(error?.description).toMatch(/the item says image\/jpeg/);
		expect(error?.description).toMatch(/Meta accepts only JPEG and PNG/);
	});

	it('refuses a photo over 5 MB, giving its size', async () => {
		const large = Buffer.concat([JPEG_BYTES, Buffer.alloc(5 * 1024 * 1024)]);

		const { error } = await update({}, withPhoto, { input: [itemWithFile(large)] });

		expect(error?.message).toBe('The profile photo "profile.jpg" is too large (5.0 MB)');
		expect(error?.description).toMatch(/at most 5 MB/);
	});

	it('names the binary fields the item has when the one asked for is missing', async () => {
		const { error } = await update({}, { ...withPhoto, photoBinaryPropertyName: 'photo' }, { input: [itemWithFile(JPEG_BYTES, { property: 'file' })] });

		expect(error?.message).toBe('The input item has no binary field "photo" for the profile photo');
		expect(error?.description).toBe('Its binary fields are: file. Set "Input Binary Field" to the one holding the image.');
	});

	it('asks for the App ID in the credential when it is empty', async () => {
		const { error } = await update({}, withPhoto, { input: [itemWithFile(PNG_BYTES)], credentials: { ...testCredentials, appId: '' } });

		expect(error?.message).toBe('The credential has no App ID, which the profile photo upload needs');
		expect(error?.description).toMatch(/Fill App ID in the WhatsApp Business Management API credential/);
	});

	it('refuses a bad text field before uploading a photo', async () => {
		const { error } = await update({ about: 'a'.repeat(140) }, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(error?.message).toMatch(/^About must be 1 to 139 characters/);
	});
});

describe('WhatsApp Business Profile: Update Profile with a photo, when a step fails', () => {
	it('uploads a PNG with its own type and sends only the handle when no field was added', async () => {
		const session = graphApi()
			.post(graphPath(`/${APP_ID}/uploads`))
			.query({ file_length: String(PNG_BYTES.length), file_type: 'image/png', file_name: 'logo.png' })
			.reply(200, { id: SESSION_ID });
		const upload = expectBytes(PNG_BYTES, 'image/png');
		const profile = graphApi().post(PROFILE_PATH, { messaging_product: 'whatsapp', profile_picture_handle: HANDLE }).query({}).reply(200, { success: true });

		const { items, error } = await update({}, withPhoto, { input: [itemWithFile(PNG_BYTES, { mimeType: 'image/png', fileName: 'logo.png' })] });

		expect(error).toBeUndefined();
		expect([session.isDone(), upload.scope.isDone(), profile.isDone()]).toEqual([true, true, true]);
		expect(upload.received()?.equals(PNG_BYTES)).toBe(true);
		expect(jsonOf(items)[0]).toMatchObject({ updatedFields: [], profilePhotoUploaded: true });
	});

	it('names the file after its type when the item has no file name', async () => {
		const session = expectSessionStart(PNG_BYTES, 'image/png', 'profile-photo.png');
		expectBytes(PNG_BYTES, 'image/png');
		graphApi().post(PROFILE_PATH, { messaging_product: 'whatsapp', profile_picture_handle: HANDLE }).query({}).reply(200, { success: true });

		const { error } = await update({}, withPhoto, { input: [itemWithFile(PNG_BYTES, { mimeType: 'image/png', fileName: '' })] });

		expect(error).toBeUndefined();
		expect(session.isDone()).toBe(true);
	});

	it('says that starting the upload session failed, with Meta\'s words, and sends nothing more', async () => {
		graphApi()
			.post(graphPath(`/${APP_ID}/uploads`))
			.query(true)
			.reply(400, graphErrorBody(100, '(#100) The app user must have an administrator or developer role on this app'));

		const { run, items, error } = await update({ about: 'Succulent specialists!' }, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Profile photo upload, step 1 of 2 \(starting an upload session\) failed: /);
		expect(error?.message).toContain('administrator or developer role');
		expect(error?.description).toMatch(/The profile was not changed; running the node again starts a new upload\.$/);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('says that sending the photo failed and does not send it again, nor the profile update', async () => {
		expectSessionStart(JPEG_BYTES, 'image/jpeg', 'profile.jpg');
		// One answer only: a second attempt would find no interceptor and fail differently.
		uploadApi().post(graphPath('/upload:MTphdHRhY2htZW50OjVlNjBmNTQ4')).query({ sig: 'ARZzDqRo' }).reply(500, graphErrorBody(1, 'An unknown error occurred', { is_transient: true }));

		const { run, error } = await update({ about: 'Succulent specialists!' }, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(error?.message).toMatch(/^Profile photo upload, step 2 of 2 \(sending the photo\) failed: /);
		expect(error?.description).toMatch(/sent once and not repeated: Meta does not document sending the same bytes to a session twice/);
		expect(error?.description).toMatch(/The profile was not changed/);
		expect(JSON.stringify(run)).not.toContain(TEST_ACCESS_TOKEN);
	});

	it('fails clearly when Meta answers the upload without a handle', async () => {
		expectSessionStart(JPEG_BYTES, 'image/jpeg', 'profile.jpg');
		uploadApi().post(graphPath('/upload:MTphdHRhY2htZW50OjVlNjBmNTQ4')).query({ sig: 'ARZzDqRo' }).reply(200, { id: SESSION_ID });

		const { error } = await update({}, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(error?.message).toBe("Profile photo upload, step 2 of 2 (sending the photo) failed: Meta's answer has no file handle (h)");
	});

	it('takes a refused handle on a repeated profile update as done by the first attempt', async () => {
		expectSessionStart(JPEG_BYTES, 'image/jpeg', 'profile.jpg');
		expectBytes(JPEG_BYTES, 'image/jpeg');
		const body = { messaging_product: 'whatsapp', profile_picture_handle: HANDLE };
		graphApi().post(PROFILE_PATH, body).query({}).reply(503, graphErrorBody(2, 'Service temporarily unavailable', { is_transient: true }));
		graphApi().post(PROFILE_PATH, body).query({}).reply(400, graphErrorBody(100, '(#100) Param profile_picture_handle was already used'));

		const { items, error } = await update({}, withPhoto, { input: [itemWithFile(JPEG_BYTES)] });

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([{ success: true, updatedFields: [], profilePhotoUploaded: true, phoneNumberId: PHONE_NUMBER_ID }]);
	}, 15_000);

	it('with On Error: Continue, a failed upload step becomes an error item keeping Meta\'s code and fbtrace_id', async () => {
		graphApi().post(graphPath(`/${APP_ID}/uploads`)).query(true).reply(400, graphErrorBody(100, '(#100) Invalid parameter'));

		const { items, error } = await runNode({
			type: NODE_TYPE,
			parameters: { operation: 'updateProfile', phoneNumberId, profileFields: {}, ...withPhoto },
			credentials: testCredentials,
			input: [itemWithFile(JPEG_BYTES)],
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(jsonOf(items)).toEqual([
			{
				error: expect.stringMatching(/^Profile photo upload, step 1 of 2 \(starting an upload session\) failed: /),
				details: expect.objectContaining({ code: 100, fbtrace_id: 'AbCdEfGhIjK_fbtrace' }),
			},
		]);
	});
});
