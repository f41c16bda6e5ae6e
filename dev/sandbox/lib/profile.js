'use strict';

/**
 * What WhatsApp users see of a number: the business profile (`/whatsapp_business_profile`),
 * its photo through Meta's Resumable Upload API (`/<APP_ID>/uploads`, then `/upload:<id>`),
 * and conversational automation (welcome message, ice breakers, commands).
 */
const crypto = require('node:crypto');

const { GraphError, errors } = require('./errors');
const { graphTime } = require('./time');

/** Meta's reference: about 1–139, address 256, description 512, email 128, at most 2 websites of 256. */
const PROFILE_LIMITS = { about: 139, address: 256, description: 512, email: 128, websites: 2, website: 256 };
const PROFILE_FIELDS = ['about', 'address', 'description', 'email', 'profile_picture_url', 'websites', 'vertical', 'messaging_product'];
const VERTICALS = [
	'UNDEFINED', 'OTHER', 'AUTO', 'BEAUTY', 'APPAREL', 'EDU', 'ENTERTAIN', 'EVENT_PLAN', 'FINANCE', 'GROCERY', 'GOVT', 'HOTEL',
	'HEALTH', 'NONPROFIT', 'PROF_SERVICES', 'RETAIL', 'TRAVEL', 'RESTAURANT', 'NOT_A_BIZ',
];
/** Meta's Resumable Upload API: the file types it takes. A profile photo must be JPEG or PNG. */
const UPLOAD_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];
const PHOTO_FILE_TYPES = ['image/jpeg', 'image/jpg', 'image/png'];
/** Meta: ice breakers up to 4 of 80 characters; commands up to 30, name 32, description 256. */
const AUTOMATION_LIMITS = { prompts: 4, prompt: 80, commands: 30, commandName: 32, commandDescription: 256 };

const characters = (text) => [...String(text)].length;

/** Called from World.load: profiles from the fixture's phone numbers (`sandbox.profile`), no uploads. */
function loadProfiles(world, source) {
	world.profiles = new Map();
	world.automations = new Map();
	world.uploadSessions = new Map();
	world.fileHandles = new Map();
	for (const phone of source.phoneNumbers ?? []) {
		if (phone.sandbox?.profile) world.profiles.set(String(phone.id), { ...phone.sandbox.profile });
		if (phone.sandbox?.conversationalAutomation) world.automations.set(String(phone.id), { ...phone.sandbox.conversationalAutomation });
	}
}

function profileOf(world, phoneId) {
	if (!world.profiles.has(phoneId)) world.profiles.set(phoneId, { vertical: 'UNDEFINED' });
	return world.profiles.get(phoneId);
}

function profileView(profile) {
	const { photo, ...fields } = profile;
	return { ...fields, messaging_product: 'whatsapp', ...(photo ? { profile_picture_url: photo.url } : {}) };
}

// Resumable upload ------------------------------------------------------------------------------

/** `POST /<APP_ID>/uploads?file_length&file_type[&file_name]` → `{id: "upload:<session>"}`. */
function startUpload(world, request) {
	const { params } = request;
	const length = Number(params.file_length);
	if (params.file_length === undefined || !Number.isInteger(length) || length <= 0) {
		throw errors.invalidParameter('Param file_length must be a positive integer (the file size in bytes)');
	}
	const type = String(params.file_type ?? '');
	if (!UPLOAD_FILE_TYPES.includes(type)) throw errors.invalidParameter(`Param file_type must be one of {${UPLOAD_FILE_TYPES.join(', ')}}`);
	const key = crypto.randomBytes(12).toString('base64url');
	const signature = crypto.randomBytes(6).toString('base64url');
	world.uploadSessions.set(key, { signature, length, type, name: params.file_name, offset: 0, startedAt: world.now() });
	// Meta's session IDs carry a signature as a query string, which the client sends back as given.
	return { id: `upload:${key}?sig=${signature}` };
}

function sessionOf(world, request) {
	const key = request.id.slice('upload:'.length);
	const session = world.uploadSessions.get(key);
	if (!session || request.params.sig !== session.signature) throw errors.invalidParameter(`Invalid upload session ID ${request.id}`);
	return session;
}

/**
 * `POST /upload:<session>` with `Authorization: OAuth <token>`, `file_offset` and the bytes →
 * `{h: "<handle>"}`; `GET` → `{id, file_offset}` to resume an interrupted upload.
 */
function uploadFile(world, request) {
	const session = sessionOf(world, request);
	if (request.method === 'GET') return { id: `${request.id}?sig=${session.signature}`, file_offset: session.offset };
	if (request.method !== 'POST') throw errors.unsupported(request.method, request.id);
	if (!/^OAuth\s/i.test(request.headers.authorization ?? '')) {
		throw errors.invalidParameter('The upload must be sent with the header Authorization: OAuth <access token>');
	}
	if (session.handle) throw errors.invalidParameter('This upload session is complete; start a new one for another file');
	const offset = Number(request.headers.file_offset);
	if (request.headers.file_offset === undefined || offset !== session.offset) {
		throw errors.invalidParameter(`The header file_offset must be ${session.offset}, the bytes received so far`);
	}
	const bytes = request.rawBody ?? Buffer.alloc(0);
	if (offset + bytes.length !== session.length) {
		throw errors.invalidParameter(`The upload has ${offset + bytes.length} bytes; the session was started for file_length ${session.length}`);
	}
	session.offset = session.length;
	session.handle = `4::${Buffer.from(session.type).toString('base64')}:${crypto.randomBytes(16).toString('base64url')}`;
	world.fileHandles.set(session.handle, {
		type: session.type,
		name: session.name,
		length: bytes.length,
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		used: false,
	});
	return { h: session.handle };
}

// Business profile -----------------------------------------------------------------------------------

function checkedText(params, name, min, max) {
	const value = String(params[name]);
	if (characters(value) < min || characters(value) > max) {
		throw errors.invalidParameter(min ? `Param ${name} must be between ${min} and ${max} characters long` : `Param ${name} must be at most ${max} characters long`);
	}
	return value;
}

function checkedWebsites(value) {
	let sites = value;
	if (typeof sites === 'string') {
		try {
			sites = JSON.parse(sites);
		} catch {
			sites = [sites];
		}
	}
	if (!Array.isArray(sites)) throw errors.invalidParameter('Param websites must be an array');
	if (sites.length > PROFILE_LIMITS.websites) throw errors.invalidParameter(`Param websites must have at most ${PROFILE_LIMITS.websites} elements`);
	return sites.map((site, index) => {
		let url;
		try {
			url = new URL(String(site));
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) throw errors.invalidParameter(`Param websites[${index}] must be a URL starting with http:// or https://`);
		if (characters(site) > PROFILE_LIMITS.website) throw errors.invalidParameter(`Param websites[${index}] must be at most ${PROFILE_LIMITS.website} characters long`);
		return String(site);
	});
}

/** A handle of this app's uploads, of an image, not used before; served afterwards as `profile_picture_url`. */
function takePhoto(world, phoneId, handle) {
	const file = world.fileHandles.get(String(handle));
	if (!file) throw errors.invalidParameter('Param profile_picture_handle is not a valid file handle of a Resumable Upload API upload');
	if (file.used) throw errors.invalidParameter('Param profile_picture_handle was already used; upload the photo again for a new handle');
	if (!PHOTO_FILE_TYPES.includes(file.type)) throw errors.invalidParameter('Param profile_picture_handle must be a JPEG or PNG image');
	file.used = true;
	const extension = file.type === 'image/png' ? 'png' : 'jpg';
	return {
		url: `https://pps.whatsapp.net/v/t61.sandbox/${phoneId}_${file.sha256.slice(0, 16)}.${extension}`,
		type: file.type,
		length: file.length,
		sha256: file.sha256,
		uploaded_at: graphTime(world.now()),
	};
}

/** `GET|POST /<PHONE_NUMBER_ID>/whatsapp_business_profile`. */
function businessProfile(world, request, phone, { parseFields }) {
	const { method, params } = request;
	const profile = profileOf(world, phone.id);
	if (method === 'GET') {
		const view = profileView(profile);
		const requested = parseFields(params.fields)?.map(({ name }) => name) ?? PROFILE_FIELDS;
		const unknown = requested.find((name) => !PROFILE_FIELDS.includes(name));
		if (unknown) throw errors.nonexistingField(unknown, 'WhatsAppBusinessProfile');
		// As in Meta's example answer, messaging_product comes whether asked for or not.
		const picked = Object.fromEntries(requested.filter((name) => view[name] !== undefined).map((name) => [name, view[name]]));
		return { data: [{ ...picked, messaging_product: 'whatsapp' }] };
	}
	if (method !== 'POST') throw errors.unsupported(method, phone.id);
	if (params.messaging_product === undefined) throw errors.invalidParameter('The parameter messaging_product is required');
	if (params.messaging_product !== 'whatsapp') throw errors.invalidParameter('Param messaging_product must be "whatsapp"');
	// Everything is checked before anything changes: a refused update leaves the profile as it was.
	const changes = {};
	if (params.about !== undefined) changes.about = checkedText(params, 'about', 1, PROFILE_LIMITS.about);
	for (const name of ['address', 'description']) if (params[name] !== undefined) changes[name] = checkedText(params, name, 0, PROFILE_LIMITS[name]);
	if (params.email !== undefined) {
		changes.email = checkedText(params, 'email', 0, PROFILE_LIMITS.email);
		if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email)) throw errors.invalidParameter('Param email must be a valid email address');
	}
	if (params.websites !== undefined) changes.websites = checkedWebsites(params.websites);
	if (params.vertical !== undefined) {
		if (params.vertical !== '' && !VERTICALS.includes(params.vertical)) throw errors.invalidParameter(`Param vertical must be one of {${VERTICALS.join(', ')}}`);
		changes.vertical = params.vertical;
	}
	if (params.profile_picture_handle !== undefined) changes.photo = takePhoto(world, phone.id, params.profile_picture_handle);
	Object.assign(profile, changes);
	return { success: true };
}

// Conversational automation --------------------------------------------------------------------------

function list(value, name) {
	let parsed = value;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			throw errors.invalidParameter(`Param ${name} must be an array`);
		}
	}
	if (!Array.isArray(parsed)) throw errors.invalidParameter(`Param ${name} must be an array`);
	return parsed;
}

/** Meta's wording for a list that is too long: error 105. */
function atMost(name, max, found) {
	if (found > max) throw new GraphError({ code: 105, message: `(#105) The parameter ${name} must have at most ${max} elements, ${found} found.` });
}

function automationText(value, name, max) {
	const text = String(value ?? '');
	if (!text.trim()) throw errors.invalidParameter(`Param ${name} must be a non-empty string`);
	if (characters(text) > max) throw errors.invalidParameter(`Param ${name} must be at most ${max} characters long.`);
	return text;
}

/** `POST /<PHONE_NUMBER_ID>/conversational_automation`: replaces the parts sent. */
function conversationalAutomation(world, request, phone) {
	const { method, params } = request;
	if (method !== 'POST') throw errors.nonexistingField('conversational_automation', 'phone');
	const changes = {};
	if (params.enable_welcome_message !== undefined) {
		const flag = params.enable_welcome_message;
		if (![true, false, 'true', 'false'].includes(flag)) throw errors.invalidParameter('Param enable_welcome_message must be a boolean');
		changes.enable_welcome_message = flag === true || flag === 'true';
	}
	if (params.prompts !== undefined) {
		const prompts = list(params.prompts, 'prompts');
		atMost('prompts', AUTOMATION_LIMITS.prompts, prompts.length);
		changes.prompts = prompts.map((prompt, index) => automationText(prompt, `prompts[${index}]`, AUTOMATION_LIMITS.prompt));
	}
	if (params.commands !== undefined) {
		const commands = list(params.commands, 'commands');
		atMost('commands', AUTOMATION_LIMITS.commands, commands.length);
		changes.commands = commands.map((command, index) => ({
			command_name: automationText(command?.command_name, `commands[${index}]['command_name']`, AUTOMATION_LIMITS.commandName),
			command_description: automationText(command?.command_description, `commands[${index}]['command_description']`, AUTOMATION_LIMITS.commandDescription),
		}));
	}
	if (!Object.keys(changes).length) throw errors.invalidParameter('One of {enable_welcome_message, prompts, commands} is required');
	world.automations.set(phone.id, { ...(world.automations.get(phone.id) ?? {}), ...changes });
	return { success: true };
}

/** The number's `conversational_automation` field; left out until something was set, as for an unconfigured number. */
function automationView(world, phoneId) {
	return world.automations.get(phoneId);
}

/** For `/__sandbox/state`: each number's profile, with what was uploaded as its photo. */
function profileSnapshot(world) {
	return Object.fromEntries(
		[...world.phones.keys()].map((id) => [id, { profile: world.profiles.has(id) ? world.profiles.get(id) : undefined, conversational_automation: world.automations.get(id) }]),
	);
}

module.exports = { loadProfiles, startUpload, uploadFile, businessProfile, conversationalAutomation, automationView, profileSnapshot, AUTOMATION_LIMITS, PROFILE_LIMITS };
