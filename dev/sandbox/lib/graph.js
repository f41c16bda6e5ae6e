'use strict';

const crypto = require('node:crypto');

const { GraphError, errors } = require('./errors');
const { parseFields, selectFields, paginate } = require('./fields');
const { send } = require('./http');
const { digitsOf } = require('./phoneFormat');
const { handleQrCodes } = require('./qrCodes');
const { DATA_LOCALIZATION_REGIONS } = require('./world');
const profile = require('./profile');
const { handleUsername, handleUsernameSuggestions } = require('./usernames');

const PHONE_FIELDS = [
	'id', 'display_phone_number', 'verified_name', 'status', 'quality_rating', 'code_verification_status', 'name_status',
	'new_name_status', 'certificate', 'new_certificate', 'new_display_name', 'throughput', 'platform_type', 'host_platform',
	'last_onboarded_time', 'account_mode', 'is_official_business_account', 'is_pin_enabled', 'is_preverified_number',
	'health_status', 'webhook_configuration', 'official_business_account', 'messaging_limit_tier', 'whatsapp_business_manager_messaging_limit',
	'country_code', 'country_dial_code', 'search_visibility', 'quality_score', 'eligibility_for_api_business_global_search',
	'conversational_automation', 'is_on_biz_app',
];
const PHONE_LIST_DEFAULTS = ['verified_name', 'code_verification_status', 'display_phone_number', 'quality_rating', 'platform_type', 'throughput', 'webhook_configuration', 'id'];
const PHONE_GET_DEFAULTS = ['code_verification_status', 'display_phone_number', 'id', 'quality_rating', 'verified_name'];
const POOL_FIELDS = ['id', 'phone_number', 'code_verification_status', 'code_verification_time', 'verification_expiry_time', 'owner_business'];
const POOL_DEFAULTS = ['id', 'phone_number', 'code_verification_status'];
const WABA_FIELDS = [
	'id', 'name', 'currency', 'timezone_id', 'message_template_namespace', 'account_review_status', 'business_verification_status',
	'country', 'ownership_type', 'owner_business_info', 'primary_funding_id', 'purchase_order_number', 'status', 'health_status',
	'is_enabled_for_insights', 'on_behalf_of_business_info', 'marketing_messages_lite_api_status',
];
const WABA_DEFAULTS = ['id', 'name', 'currency', 'timezone_id', 'message_template_namespace'];
const BUSINESS_FIELDS = ['id', 'name', 'health_status', 'verification_status', 'created_time', 'updated_time', 'timezone_id', 'link', 'vertical', 'two_factor_type', 'primary_page', 'profile_picture_uri'];
const USER_FIELDS = ['id', 'name'];

/** The longest display name the sandbox accepts; Meta's developer documentation states none (see the README). */
const DISPLAY_NAME_MAX_LENGTH = 512;

const SUBSCRIPTION_OBJECTS = ['whatsapp_business_account', 'user', 'page', 'permissions', 'payments', 'instagram', 'application'];
const SETTINGS_FEATURES = ['user_identity_change', 'calling', 'storage_configuration'];
const STORAGE_STATUSES = ['IN_COUNTRY_STORAGE_ENABLED', 'IN_COUNTRY_STORAGE_DISABLED', 'DEFAULT'];
/** Local storage changes only on a number that is not registered (Meta's local-storage guide). */
const REGISTERED_STATUSES = ['CONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED'];
const SORTS = {
	last_onboarded_time_descending: ['onboarded', -1],
	last_onboarded_time_ascending: ['onboarded', 1],
	'last_onboarded_time.desc': ['onboarded', -1],
	'last_onboarded_time.asc': ['onboarded', 1],
	'creation_time.desc': ['created', -1],
	'creation_time.asc': ['created', 1],
	creation_time_descending: ['created', -1],
	creation_time_ascending: ['created', 1],
};
const FILTER_OPERATORS = ['EQUAL', 'NOT_EQUAL', 'IN', 'NOT_IN', 'CONTAIN', 'NOT_CONTAIN', 'GREATER_THAN', 'LESS_THAN'];

const PLACEHOLDERS = { business: '{business}', waba: '{waba}', phone: '{phone_number}', pool: '{preverified}', app: '{app}', me: 'me' };

const success = { success: true };

// Parameters -------------------------------------------------------------------------------

function required(params, name) {
	const value = params[name];
	if (value === undefined || value === null || String(value).trim() === '') {
		throw errors.invalidParameter(`The parameter ${name} is required`);
	}
	return typeof value === 'string' ? value.trim() : value;
}

function sixDigitPin(value, name = 'pin') {
	const pin = String(value ?? '');
	if (!/^\d{6}$/.test(pin)) throw errors.invalidParameter(`Param ${name} must be a string of exactly 6 digits`);
	return pin;
}

/** A parameter that is JSON in a query string or form, or already structured in a JSON body. */
function structured(value, name) {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw errors.invalidParameter(`Param ${name} must be valid JSON`);
	}
}

function stringList(value) {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.flatMap(stringList);
	const text = String(value).trim();
	if (text.startsWith('[')) {
		try {
			return stringList(JSON.parse(text));
		} catch {
			throw errors.invalidParameter('Param fields must be a JSON array or a comma-separated list');
		}
	}
	return text.split(',').map((part) => part.trim()).filter(Boolean);
}

function booleanParam(value, name) {
	if (value === true || value === 'true' || value === '1' || value === 1) return true;
	if (value === false || value === 'false' || value === '0' || value === 0) return false;
	throw errors.invalidParameter(`Param ${name} must be a boolean`);
}

// Lists ------------------------------------------------------------------------------------

function sortPhones(world, phones, sortParam) {
	let sortKeys = ['last_onboarded_time_descending'];
	if (sortParam !== undefined && sortParam !== '') {
		const parsed = typeof sortParam === 'string' && sortParam.trim().startsWith('[') ? structured(sortParam, 'sort') : sortParam;
		sortKeys = stringList(parsed);
	}
	const comparators = sortKeys.map((key) => {
		const sort = SORTS[key];
		if (!sort) throw errors.invalidParameter(`Param sort[0] must be one of {${Object.keys(SORTS).join(', ')}} - got "${key}"`);
		const [attribute, direction] = sort;
		const valueOf = (phone) => (attribute === 'onboarded' ? phone.lastOnboardedAt ?? phone.sandbox.createdAt : phone.sandbox.createdAt);
		return (a, b) => direction * (valueOf(a) - valueOf(b));
	});
	return [...phones].sort((a, b) => {
		for (const compare of comparators) {
			const order = compare(a, b);
			if (order) return order;
		}
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
}

function filterPhones(world, phones, filteringParam) {
	if (filteringParam === undefined || filteringParam === '') return phones;
	const rules = structured(filteringParam, 'filtering');
	if (!Array.isArray(rules)) throw errors.invalidParameter('Param filtering must be an array of {field, operator, value}');
	const checks = rules.map((rule) => {
		if (!rule || typeof rule !== 'object' || !rule.field || !rule.operator) {
			throw errors.invalidParameter('Each filtering rule needs field, operator and value');
		}
		if (!PHONE_FIELDS.includes(rule.field)) throw errors.invalidParameter(`Filtering field ${rule.field} is not supported`);
		const operator = String(rule.operator).toUpperCase();
		if (!FILTER_OPERATORS.includes(operator)) {
			throw errors.invalidParameter(`Filtering operator ${rule.operator} must be one of {${FILTER_OPERATORS.join(', ')}}`);
		}
		const values = (Array.isArray(rule.value) ? rule.value : [rule.value]).map(String);
		return (view) => {
			const actual = view[rule.field] === undefined || view[rule.field] === null ? '' : String(view[rule.field]);
			switch (operator) {
				case 'EQUAL':
					return actual === values[0];
				case 'NOT_EQUAL':
					return actual !== values[0];
				case 'IN':
					return values.includes(actual);
				case 'NOT_IN':
					return !values.includes(actual);
				case 'CONTAIN':
					return actual.includes(values[0]);
				case 'NOT_CONTAIN':
					return !actual.includes(values[0]);
				case 'GREATER_THAN':
					return Number(actual) > Number(values[0]);
				default:
					return Number(actual) < Number(values[0]);
			}
		};
	});
	return phones.filter((phone) => {
		const view = world.phoneView(phone);
		return checks.every((check) => check(view));
	});
}

function list(request, items, render) {
	return paginate(items, request.params, { pageUrl: request.pageUrl, render });
}

// Webhook subscriptions ----------------------------------------------------------------------

/** Meta's check of a callback: GET with hub.* parameters, expecting the challenge echoed. */
async function verifyCallback(world, callbackUrl, verifyToken) {
	let url;
	try {
		url = new URL(callbackUrl);
		if (!['http:', 'https:'].includes(url.protocol)) throw new Error('protocol');
	} catch {
		throw errors.invalidParameter(`callback_url URL is not properly formatted: ${callbackUrl}`);
	}
	const challenge = String(crypto.randomInt(1_000_000_000, 2_147_483_647));
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge);
	url.searchParams.set('hub.verify_token', verifyToken);
	const response = await send(url.toString(), { headers: { 'User-Agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' } });
	const outcome = { callback_url: callbackUrl, challenge, status: response.status, received: response.body?.slice(0, 200), error: response.error };
	world.handshakes = [...(world.handshakes ?? []).slice(-49), outcome];
	if (response.status === 0) {
		throw errors.callbackVerification(`Couldn't connect to server. The URL couldn't be validated (${response.error}).`);
	}
	if (response.status !== 200) {
		throw errors.callbackVerification(`The URL couldn't be validated. Callback verification failed with the following errors: HTTP Status Code = ${response.status}`);
	}
	if (response.body.trim() !== challenge) {
		throw errors.callbackVerification(
			`The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${response.body.slice(0, 100)}"`,
		);
	}
}

async function appSubscriptions(world, request) {
	const { method, params, version } = request;
	if (method === 'GET') {
		return {
			data: [...world.appSubscriptions.values()].map(({ object, callback_url, active, fields }) => ({ object, callback_url, active, fields })),
		};
	}
	if (method === 'POST') {
		const object = required(params, 'object');
		if (!SUBSCRIPTION_OBJECTS.includes(object)) throw errors.invalidParameter(`Param object must be one of {${SUBSCRIPTION_OBJECTS.join(', ')}}`);
		const callbackUrl = required(params, 'callback_url');
		const verifyToken = required(params, 'verify_token');
		const fields = stringList(params.fields);
		for (const field of fields) {
			if (!/^[a-z_]+$/.test(field)) throw errors.invalidParameter(`Invalid field name "${field}" for object ${object}`);
		}
		const includeValues = params.include_values === undefined ? false : booleanParam(params.include_values, 'include_values');
		await verifyCallback(world, callbackUrl, verifyToken);
		const existing = world.appSubscriptions.get(object);
		const merged = new Map((existing?.fields ?? []).map((field) => [field.name, field]));
		for (const name of fields) merged.set(name, { name, version });
		world.appSubscriptions.set(object, {
			object,
			callback_url: callbackUrl,
			active: true,
			fields: [...merged.values()],
			verify_token: verifyToken,
			include_values: includeValues,
		});
		return success;
	}
	if (method === 'DELETE') {
		const object = params.object;
		if (object === undefined) {
			world.appSubscriptions.clear();
			return success;
		}
		const existing = world.appSubscriptions.get(object);
		const fields = stringList(params.fields);
		if (existing && fields.length) {
			existing.fields = existing.fields.filter((field) => !fields.includes(field.name));
			if (!existing.fields.length) world.appSubscriptions.delete(object);
		} else {
			world.appSubscriptions.delete(object);
		}
		return success;
	}
	throw errors.unsupported(method, request.id);
}

/** Meta: an alternate callback URL has at most 200 characters. */
const OVERRIDE_URI_MAX_LENGTH = 200;

function overrideUri(value) {
	const uri = String(value);
	if (uri.length > OVERRIDE_URI_MAX_LENGTH) {
		throw errors.invalidParameter(`Param override_callback_uri must be at most ${OVERRIDE_URI_MAX_LENGTH} characters`);
	}
	return uri;
}

/**
 * `POST /<PHONE_NUMBER_ID>` with `webhook_configuration`: sets the number's override (verified
 * like any callback) or, with an empty URI, clears it. Needs the app subscribed to the WABA.
 */
async function phoneOverride(world, request, phone) {
	const configuration = structured(request.params.webhook_configuration, 'webhook_configuration');
	if (!configuration || typeof configuration !== 'object' || Array.isArray(configuration)) {
		throw errors.invalidParameter('Param webhook_configuration must be an object');
	}
	const waba = world.wabas.get(phone.waba_id);
	if (!waba.sandbox.subscribedApps.some((app) => app.id === world.credentials.appId)) throw errors.appNotSubscribed(waba.id);
	const uri = configuration.override_callback_uri === undefined ? undefined : overrideUri(configuration.override_callback_uri);
	if (uri === undefined) throw errors.invalidParameter('The parameter webhook_configuration[override_callback_uri] is required');
	if (uri === '') {
		phone.sandbox.overrideCallbackUri = undefined;
		return success;
	}
	await verifyCallback(world, uri, required(configuration, 'verify_token'));
	phone.sandbox.overrideCallbackUri = uri;
	return success;
}

async function subscribedApps(world, request, waba) {
	const { method, params } = request;
	const apps = waba.sandbox.subscribedApps;
	const { appId, appName } = world.credentials;
	if (method === 'GET') {
		return {
			data: apps.map((app) => ({
				whatsapp_business_api_data: { link: `https://www.facebook.com/games/?app_id=${app.id}`, name: appName, id: app.id },
				...(app.override_callback_uri ? { override_callback_uri: app.override_callback_uri } : {}),
			})),
		};
	}
	if (method === 'POST') {
		const override = params.override_callback_uri === undefined ? undefined : overrideUri(params.override_callback_uri);
		if (override) await verifyCallback(world, override, required(params, 'verify_token'));
		const entry = { id: appId, ...(override ? { override_callback_uri: override } : {}) };
		waba.sandbox.subscribedApps = [...apps.filter((app) => app.id !== appId), entry];
		return success;
	}
	if (method === 'DELETE') {
		waba.sandbox.subscribedApps = apps.filter((app) => app.id !== appId);
		return success;
	}
	throw errors.unsupported(method, waba.id);
}

// Objects ------------------------------------------------------------------------------------

function readObject(view, request, schema) {
	return selectFields(view, parseFields(request.params.fields), schema);
}

function handleBusiness(world, request, business) {
	const { method, edge, params } = request;
	if (method === 'GET' && !edge) {
		return readObject(world.businessView(business), request, { kind: 'business', known: BUSINESS_FIELDS, defaults: ['id', 'name'] });
	}
	if (method === 'GET' && (edge === 'owned_whatsapp_business_accounts' || edge === 'client_whatsapp_business_accounts')) {
		const relation = edge.startsWith('owned') ? 'owned' : 'client';
		const fields = parseFields(params.fields);
		const wabas = [...world.wabas.values()].filter((waba) => waba.business_id === business.id && waba.relation === relation);
		return list(request, wabas, (waba) => selectFields(world.wabaView(waba), fields, { kind: 'waba', known: WABA_FIELDS, defaults: WABA_DEFAULTS }));
	}
	if (method === 'GET' && edge === 'preverified_numbers') {
		const fields = parseFields(params.fields);
		let entries = world.poolOf(business.id);
		if (params.code_verification_status) {
			const wanted = String(params.code_verification_status).toUpperCase();
			if (!['VERIFIED', 'NOT_VERIFIED', 'UNVERIFIED', 'EXPIRED'].includes(wanted)) {
				throw errors.invalidParameter('Param code_verification_status must be one of {VERIFIED, NOT_VERIFIED, EXPIRED}');
			}
			const normalised = wanted === 'UNVERIFIED' ? 'NOT_VERIFIED' : wanted;
			entries = entries.filter((entry) => {
				const status = world.poolStatus(entry);
				return status === normalised || (status === 'UNVERIFIED' && normalised === 'NOT_VERIFIED');
			});
		}
		if (params.phone_number) {
			const digits = digitsOf(params.phone_number);
			entries = entries.filter((entry) => entry.phone_number === digits);
		}
		return list(request, entries, (entry) => selectFields(world.poolView(entry), fields, { kind: 'pool', known: POOL_FIELDS, defaults: POOL_DEFAULTS }));
	}
	if (method === 'POST' && edge === 'add_phone_numbers') {
		const digits = digitsOf(required(params, 'phone_number'));
		if (digits.length < 8 || digits.length > 15) {
			throw errors.invalidParameter('Param phone_number must be a phone number in international format (8 to 15 digits, country code first)');
		}
		return { id: world.addToPool(business, digits).id };
	}
	if ((method === 'POST' || method === 'DELETE') && edge === 'share_preverified_numbers') {
		const partner = String(required(params, 'partner_business_id'));
		if (!/^\d+$/.test(partner)) throw errors.invalidParameter('Param partner_business_id must be a valid business ID');
		const entry = world.pool.get(String(required(params, 'preverified_id')));
		if (!entry || entry.business_id !== business.id) {
			throw errors.invalidParameter(`Param preverified_id does not name a pre-verified number of business ${business.id}`);
		}
		entry.partners = entry.partners.filter((id) => id !== partner);
		if (method === 'POST') entry.partners.push(partner);
		return success;
	}
	return unknownEdge(request, 'business');
}

function handleWaba(world, request, waba) {
	const { method, edge, params } = request;
	if (method === 'GET' && !edge) {
		return readObject(world.wabaView(waba), request, { kind: 'waba', known: WABA_FIELDS, defaults: WABA_DEFAULTS });
	}
	if (method === 'GET' && edge === 'phone_numbers') {
		const fields = parseFields(params.fields);
		let phones = world.phonesOf(waba.id);
		if (params.display_phone_number) {
			const digits = digitsOf(params.display_phone_number);
			phones = phones.filter((phone) => digitsOf(phone.display_phone_number) === digits);
		}
		phones = sortPhones(world, filterPhones(world, phones, params.filtering), params.sort);
		return list(request, phones, (phone) =>
			selectFields(world.phoneView(phone), fields, { kind: 'phone', known: PHONE_FIELDS, defaults: PHONE_LIST_DEFAULTS }),
		);
	}
	if (method === 'POST' && edge === 'phone_numbers') {
		if (params.preverified_id !== undefined && params.preverified_id !== '') {
			const entry = world.pool.get(String(params.preverified_id));
			if (!entry) throw errors.invalidParameter(`Param preverified_id ${params.preverified_id} is not a pre-verified phone number`);
			return { id: world.claim(entry, waba, String(required(params, 'verified_name'))).id };
		}
		const cc = digitsOf(required(params, 'cc'));
		const phoneNumber = digitsOf(required(params, 'phone_number'));
		if (String(params.migrate_phone_number) === 'true') return { id: world.migratePhone(waba, { cc, phoneNumber }).id };
		const verifiedName = String(required(params, 'verified_name'));
		if (!cc || cc.length > 3) throw errors.invalidParameter('Param cc must be a country calling code (1 to 3 digits)');
		if (phoneNumber.length < 4 || cc.length + phoneNumber.length > 15) {
			throw errors.invalidParameter('Param phone_number must be the national number (digits, without the country code)');
		}
		return { id: world.createPhone(waba, { cc, phoneNumber, verifiedName }).id };
	}
	if (edge === 'subscribed_apps') return subscribedApps(world, request, waba);
	return unknownEdge(request, 'waba');
}

function handlePhone(world, request, phone) {
	const { method, edge, params } = request;
	if (method === 'GET' && !edge) {
		return readObject(world.phoneView(phone), request, { kind: 'phone', known: PHONE_FIELDS, defaults: PHONE_GET_DEFAULTS });
	}
	if (method === 'POST' && !edge && params.webhook_configuration !== undefined) return phoneOverride(world, request, phone);
	if (method === 'POST' && !edge) {
		// Meta's example sends new_display_name in the query string; a body works too (params are merged).
		if (params.new_display_name !== undefined) {
			const name = String(params.new_display_name).trim();
			if (!name) throw errors.invalidParameter('The parameter new_display_name is required');
			if (name.length > DISPLAY_NAME_MAX_LENGTH) {
				throw errors.invalidParameter(`Param new_display_name must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`);
			}
			world.requestDisplayNameChange(phone, name);
			return success;
		}
		world.setPin(phone, sixDigitPin(required(params, 'pin')));
		return success;
	}
	if (edge === 'official_business_account') return officialBusinessAccount(world, request, phone);
	if (edge === 'message_qrdls') return handleQrCodes(world, request, phone);
	if (edge === 'whatsapp_business_profile') return profile.businessProfile(world, request, phone, { parseFields });
	if (edge === 'conversational_automation') return profile.conversationalAutomation(world, request, phone);
	if (edge === 'username') return handleUsername(world, request, phone);
	if (edge === 'username_suggestions') return handleUsernameSuggestions(world, request, phone);
	if (method === 'POST' && edge === 'register') {
		const product = required(params, 'messaging_product');
		if (product !== 'whatsapp') throw errors.invalidParameter('Param messaging_product must be "whatsapp"');
		const pin = sixDigitPin(required(params, 'pin'));
		const region = params.data_localization_region;
		if (region !== undefined && region !== '' && !DATA_LOCALIZATION_REGIONS.includes(region)) {
			throw errors.invalidParameter(`Param data_localization_region must be one of {${DATA_LOCALIZATION_REGIONS.join(', ')}}`);
		}
		world.register(phone, { pin, region: region || undefined });
		return success;
	}
	if (method === 'POST' && edge === 'deregister') {
		world.deregister(phone);
		return success;
	}
	if (method === 'POST' && (edge === 'request_code' || edge === 'verify_code')) return oneTimeCode(world, request, 'phone', phone.id);
	if (edge === 'settings' && method === 'GET') return world.settingsOf(phone);
	if (edge === 'settings' && method === 'POST') {
		const features = SETTINGS_FEATURES.filter((name) => params[name] !== undefined);
		if (!features.length) throw errors.invalidParameter(`One of {${SETTINGS_FEATURES.join(', ')}} is required`);
		if (features.length > 1) throw errors.invalidParameter('Only one setting can be updated per request');
		const [feature] = features;
		const value = structured(params[feature], feature);
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw errors.invalidParameter(`Param ${feature} must be an object`);
		const settings = phone.sandbox.settings;
		if (feature === 'user_identity_change') {
			const flag = value.enable_identity_key_check ?? value.enabled;
			if (flag === undefined) throw errors.invalidParameter('Param user_identity_change[enable_identity_key_check] is required');
			settings.user_identity_change = { enable_identity_key_check: booleanParam(flag, 'user_identity_change[enable_identity_key_check]') };
		} else if (feature === 'storage_configuration') {
			const status = value.status ?? 'IN_COUNTRY_STORAGE_ENABLED';
			// Meta's guide turns storage off with IN_COUNTRY_STORAGE_DISABLED, its reference names the state DEFAULT.
			if (!STORAGE_STATUSES.includes(status)) {
				throw errors.invalidParameter(`Param storage_configuration[status] must be one of {${STORAGE_STATUSES.join(', ')}}`);
			}
			if (REGISTERED_STATUSES.includes(phone.status)) throw errors.localStorageWhileRegistered();
			if (status === 'IN_COUNTRY_STORAGE_ENABLED' && !DATA_LOCALIZATION_REGIONS.includes(value.data_localization_region)) {
				throw errors.invalidParameter(`Param storage_configuration[data_localization_region] must be one of {${DATA_LOCALIZATION_REGIONS.join(', ')}}`);
			}
			settings.storage_configuration =
				status === 'IN_COUNTRY_STORAGE_ENABLED' ? { status, data_localization_region: value.data_localization_region } : { status: 'DEFAULT' };
		} else {
			settings.calling = world.updateCalling(phone, value, settings.calling);
		}
		return success;
	}
	return unknownEdge(request, 'phone');
}

/** Meta's OpenAPI description: 5 to 10 supporting links, parent brand ≤ 255, additional information ≤ 1000 characters. */
const OBA_LIMITS = { linksMin: 5, linksMax: 10, parentBrand: 255, additionalInformation: 1000 };

function absoluteUrl(value, name) {
	try {
		const url = new URL(String(value));
		if (['http:', 'https:'].includes(url.protocol)) return url.toString();
	} catch {
		// answered below, as Graph does
	}
	throw errors.invalidParameter(`Param ${name} must be a valid URL`);
}

function optionalLength(params, name, max) {
	if (params[name] !== undefined && String(params[name]).length > max) {
		throw errors.invalidParameter(`Param ${name} must be at most ${max} characters`);
	}
}

/** `GET` reads the request's status (the reference's edge form); `POST` sends a request for review. */
function officialBusinessAccount(world, request, phone) {
	const { method, params } = request;
	if (method === 'GET') return { id: phone.id, oba_status: phone.sandbox.oba.status };
	if (method !== 'POST') throw errors.unsupported(method, phone.id);
	const website = absoluteUrl(required(params, 'business_website_url'), 'business_website_url');
	const country = String(required(params, 'primary_country_of_operation')).trim();
	if (!country) throw errors.invalidParameter('The parameter primary_country_of_operation is required');
	let links;
	if (params.supporting_links !== undefined) {
		links = structured(params.supporting_links, 'supporting_links');
		if (!Array.isArray(links)) throw errors.invalidParameter('Param supporting_links must be an array');
		if (links.length < OBA_LIMITS.linksMin || links.length > OBA_LIMITS.linksMax) {
			throw errors.invalidParameter(`Param supporting_links must have between ${OBA_LIMITS.linksMin} and ${OBA_LIMITS.linksMax} items`);
		}
		links = links.map((link, index) => absoluteUrl(link, `supporting_links[${index}]`));
	}
	optionalLength(params, 'parent_business_or_brand', OBA_LIMITS.parentBrand);
	optionalLength(params, 'additional_supporting_information', OBA_LIMITS.additionalInformation);
	world.applyForOfficialBusinessAccount(phone, {
		business_website_url: website,
		primary_country_of_operation: country,
		primary_language: params.primary_language,
		parent_business_or_brand: params.parent_business_or_brand,
		supporting_links: links,
		additional_supporting_information: params.additional_supporting_information,
	});
	return success;
}

function handlePool(world, request, entry) {
	const { method, edge } = request;
	if (method === 'GET' && !edge) {
		return readObject(world.poolView(entry), request, { kind: 'pool', known: POOL_FIELDS, defaults: POOL_DEFAULTS });
	}
	if (method === 'DELETE' && !edge) {
		world.removeFromPool(entry);
		return success;
	}
	if (method === 'POST' && (edge === 'request_code' || edge === 'verify_code')) return oneTimeCode(world, request, 'pool', entry.id);
	if (method === 'GET' && edge === 'partners') {
		return list(request, entry.partners.map((id) => ({ id })), (partner) => {
			const known = world.businessInfo(partner.id);
			return known ?? { id: partner.id };
		});
	}
	return unknownEdge(request, 'pool');
}

function oneTimeCode(world, request, kind, id) {
	const { edge, params } = request;
	if (edge === 'request_code') {
		const method = String(required(params, 'code_method')).toUpperCase();
		if (!['SMS', 'VOICE'].includes(method)) throw errors.invalidParameter('Param code_method must be one of {SMS, VOICE}');
		const language = String(required(params, 'language'));
		if (!/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/.test(language)) {
			throw errors.invalidParameter('Param language must be a language code such as en or en_US');
		}
		world.requestCode(kind, id, { method, language });
		return success;
	}
	// The SMS reads `WhatsApp code 123-456`; people paste it with the hyphen.
	const code = String(required(params, 'code')).replace(/[\s-]/g, '');
	world.verifyCode(kind, id, code);
	return success;
}

function unknownEdge(request, kind) {
	if (request.method === 'GET') throw errors.nonexistingField(request.edge, kind);
	throw errors.unsupported(request.method, request.id);
}

// Entry point --------------------------------------------------------------------------------

function tokenOf(headers, params) {
	const header = headers.authorization;
	if (header) {
		const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header.trim());
		return match ? match[1].trim() : header.trim();
	}
	return params.access_token ? String(params.access_token) : undefined;
}

/** The endpoint pattern a request is counted under, e.g. `GET /{waba}/phone_numbers`. */
function patternOf(world, method, segments) {
	if (!segments.length) return `${method} /`;
	const [id, ...rest] = segments;
	const kind = id === 'me' ? 'me' : world.kindOf(id);
	const head = kind ? PLACEHOLDERS[kind] : /^\d+$/.test(id) ? '{id}' : id.startsWith('upload:') ? '{upload_session}' : id;
	if (rest[0] === 'message_qrdls' && rest.length === 2) rest[1] = '{code}';
	return `${method} /${[head, ...rest].join('/')}`;
}

/**
 * Answers one Graph request: `{status, body, headers}`. `request` holds method,
 * segments (path without the version), params (query and body merged), headers,
 * version and pageUrl (builds paging links).
 */
async function handleGraphRequest(world, request) {
	const headers = {};
	try {
		const body = await dispatch(world, request, headers);
		return { status: 200, body, headers };
	} catch (error) {
		if (!(error instanceof GraphError)) throw error;
		return { status: error.status, body: error.body(), headers: { ...headers, ...(error.headers ?? {}) } };
	}
}

async function dispatch(world, request, headers) {
	const { method, segments, params } = request;
	if (segments[0] === 'oauth' && segments[1] === 'access_token' && method === 'GET') {
		const { appId, appSecret } = world.credentials;
		if (String(params.client_id) !== appId || String(params.client_secret) !== appSecret) {
			throw new GraphError({ code: 101, message: 'Error validating application. Invalid application ID.' });
		}
		return { access_token: `${appId}|${appSecret}`, token_type: 'bearer' };
	}
	const token = tokenOf(request.headers, params);
	if (!token) throw errors.missingToken();
	const { accessToken, appId, appSecret } = world.credentials;
	const tokenKind = token === accessToken ? 'user' : token === `${appId}|${appSecret}` ? 'app' : undefined;
	if (!tokenKind) throw errors.invalidToken();

	world.applyTime();
	const [id, edge, ...extra] = segments;
	if (!id) throw errors.unsupported(method, '');
	request.id = id;
	request.edge = edge;
	if (id.startsWith('upload:') && !edge && tokenKind === 'user') return profile.uploadFile(world, request);
	const kind = id === 'me' ? 'me' : world.kindOf(id);
	// Only a QR code is addressed below an edge (`/<PHONE_NUMBER_ID>/message_qrdls/<CODE>`).
	if (!kind || (extra.length && !(kind === 'phone' && edge === 'message_qrdls' && extra.length === 1))) throw errors.unsupported(method, id);
	request.extra = extra;
	if (kind === 'me' && tokenKind !== 'user') throw errors.userTokenRequired();
	if (kind !== 'me' && kind !== 'app' && tokenKind !== 'user') throw errors.unsupported(method, id);

	const scope = ['waba', 'phone', 'business', 'pool'].includes(kind) ? world.scopeOf(kind, id) : { ...world.scopeOf(), budget: undefined };
	const usage = world.chargeCall(scope);
	if (usage.header) headers['X-Business-Use-Case-Usage'] = usage.header;
	if (usage.error) throw usage.error;
	if (world.accessRevoked(kind, id)) throw errors.permissionDenied();

	switch (kind) {
		case 'me':
			if (method === 'GET' && !edge) {
				return readObject(world.systemUser, request, { kind: 'user', known: USER_FIELDS, defaults: ['id', 'name'] });
			}
			if (method === 'GET' && edge === 'businesses') {
				const fields = parseFields(params.fields);
				return list(request, [...world.businesses.values()], (business) =>
					selectFields(world.businessView(business), fields, { kind: 'business', known: BUSINESS_FIELDS, defaults: ['id', 'name'] }),
				);
			}
			return unknownEdge(request, 'user');
		case 'app':
			if (edge === 'uploads' && method === 'POST' && tokenKind === 'user') return profile.startUpload(world, request);
			if (edge === 'subscriptions') {
				if (tokenKind !== 'app') throw errors.appTokenRequired();
				return appSubscriptions(world, request);
			}
			if (method === 'GET' && !edge) {
				return readObject({ id: appId, name: world.credentials.appName }, request, { kind: 'app', known: ['id', 'name'], defaults: ['id', 'name'] });
			}
			return unknownEdge(request, 'app');
		case 'business':
			return handleBusiness(world, request, world.businesses.get(id));
		case 'waba':
			return handleWaba(world, request, world.wabas.get(id));
		case 'phone':
			return handlePhone(world, request, world.phones.get(id));
		default:
			return handlePool(world, request, world.pool.get(id));
	}
}

module.exports = { handleGraphRequest, patternOf, PHONE_FIELDS, POOL_FIELDS, WABA_FIELDS };
