'use strict';

const crypto = require('node:crypto');

const { errors } = require('./errors');
const { DAY_MS, HOUR_MS, graphTime, parseTime } = require('./time');
const { digitsOf, dialCodeOf, formatDisplayNumber, regionOf } = require('./phoneFormat');
const { automationView, loadProfiles, profileSnapshot } = require('./profile');

const VERIFICATION_DAYS = 90;
const REVERIFY_WINDOW_DAYS = 45;
const UNVERIFIED_POOL_LIFETIME_DAYS = 90;
const CLAIMED_REGISTER_DAYS = 90;

const DEFAULT_SETTINGS = {
	/** Meta does not document how long a one-time code lives; the sandbox keeps it 24 h. */
	codeTtlMinutes: 24 * 60,
	/** How a pre-verified number reads once its 90 days have passed (Meta's pages say EXPIRED or UNVERIFIED). */
	lapsedStatus: 'EXPIRED',
	registerLimit: 10,
	registerWindowHours: 72,
	/** Meta: a display name can be changed 10 times per 30-day period. */
	displayNameChangeLimit: 10,
	displayNameChangeWindowDays: 30,
	/** Meta: after a display-name change is approved, the number has 14 days to register again. */
	nameReregisterDays: 14,
	/** Meta: after a rejected Official Business Account request, a new one 30 days later. */
	obaReapplyDays: 30,
};

/** Meta: calling needs a messaging limit of at least 2,000 business-initiated conversations a day. */
const CALLING_MINIMUM_LIMIT = 2000;

/** `TIER_2K` → 2000; `TIER_UNLIMITED` → Infinity; unknown → 0. */
function messagingLimitValue(tier) {
	if (tier === 'TIER_UNLIMITED' || tier === 'UNLIMITED') return Infinity;
	const match = /^TIER_(\d+)(K?)$/.exec(String(tier ?? ''));
	return match ? Number(match[1]) * (match[2] ? 1000 : 1) : 0;
}

const DATA_LOCALIZATION_REGIONS = ['AU', 'ID', 'IN', 'JP', 'SG', 'KR', 'DE', 'CH', 'GB', 'BR', 'BH', 'ZA', 'AE', 'CA'];

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * The sandbox's world: businesses, WABAs, business phone numbers, the pre-verified pool,
 * one-time codes, app subscriptions and the clock. Graph rules live here; HTTP does not.
 */
function dropUndefined(object) {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

class World {
	constructor(fixture, { token, appId, appSecret, verifyToken, now } = {}) {
		this.originalFixture = clone(fixture);
		this.overrides = { token, appId, appSecret, verifyToken };
		this.startAt = now === undefined ? undefined : parseTime(now, Date.now());
		this.load();
	}

	// Clock -------------------------------------------------------------------------------

	now() {
		return Date.now() + this.offsetMs;
	}

	setNow(value) {
		const target = parseTime(value, this.now());
		if (target === undefined || Number.isNaN(target)) throw new Error(`Unreadable time: ${value}`);
		this.offsetMs = target - Date.now();
		this.applyTime();
		return this.now();
	}

	advance(ms) {
		this.offsetMs += ms;
		this.applyTime();
		return this.now();
	}

	// Loading -----------------------------------------------------------------------------

	/** Loads a fixture, or the one the sandbox was created with. */
	load(fixture) {
		const source = clone(fixture ?? this.originalFixture);
		const start = this.startAt ?? parseTime(source.clock, Date.now()) ?? Date.now();
		this.offsetMs = start - Date.now();
		const at = (value) => parseTime(value, start);
		const credentials = source.credentials ?? {};
		this.credentials = {
			accessToken: this.overrides.token ?? credentials.accessToken,
			appId: String(this.overrides.appId ?? credentials.appId),
			appSecret: this.overrides.appSecret ?? credentials.appSecret,
			appName: credentials.appName ?? 'Sandbox App',
			webhookVerifyToken: this.overrides.verifyToken ?? credentials.webhookVerifyToken,
		};
		this.settings = { ...DEFAULT_SETTINGS, ...(source.settings ?? {}) };
		this.systemUser = { id: '122100000000000001', name: 'Sandbox System User', ...(source.systemUser ?? {}) };
		this.nextIdValue = BigInt(source.settings?.firstGeneratedId ?? '900000000000001');
		this.codes = new Map();
		this.scopeCalls = new Map();
		this.appSubscriptions = new Map();
		/** Phone-number ID → its QR codes by code (qrCodes.js). */
		this.qrCodes = new Map();

		this.businesses = new Map();
		for (const business of source.businesses ?? []) {
			const { sandbox, ...fields } = clone(business);
			this.businesses.set(String(fields.id), { ...fields, id: String(fields.id), sandbox: { ...(sandbox ?? {}) } });
		}
		this.wabas = new Map();
		for (const waba of source.wabas ?? []) {
			const { sandbox, ...fields } = clone(waba);
			this.wabas.set(String(fields.id), {
				relation: 'owned',
				currency: 'USD',
				timezone_id: '1',
				account_review_status: 'APPROVED',
				...fields,
				id: String(fields.id),
				business_id: String(fields.business_id),
				sandbox: { subscribedApps: [], ...(sandbox ?? {}) },
			});
		}
		this.phones = new Map();
		for (const phone of source.phoneNumbers ?? []) this.addPhoneRecord(clone(phone), at);
		this.pool = new Map();
		for (const entry of source.preVerifiedNumbers ?? []) {
			const { sandbox = {}, ...fields } = clone(entry);
			const verifiedAt = at(fields.code_verification_time);
			this.pool.set(String(fields.id), {
				id: String(fields.id),
				business_id: String(fields.business_id),
				phone_number: digitsOf(fields.phone_number),
				verifiedAt,
				expiresAt: at(fields.verification_expiry_time) ?? (verifiedAt === undefined ? undefined : verifiedAt + VERIFICATION_DAYS * DAY_MS),
				addedAt: at(sandbox.added) ?? verifiedAt ?? start,
				partners: sandbox.partners ?? [],
				claimed: sandbox.claimed,
			});
		}
		for (const subscription of source.appSubscriptions ?? []) {
			this.appSubscriptions.set(subscription.object, {
				active: true,
				include_values: true,
				...clone(subscription),
				fields: (subscription.fields ?? []).map((field) =>
					typeof field === 'string' ? { name: field, version: 'v24.0' } : field,
				),
			});
		}
		loadProfiles(this, source);
		this.applyTime();
	}

	addPhoneRecord(phone, at) {
		const { sandbox = {}, ...fields } = phone;
		const id = String(fields.id);
		const displayDigits = digitsOf(fields.display_phone_number);
		const dialCode = fields.country_dial_code ?? dialCodeOf(displayDigits);
		const record = {
			status: 'PENDING',
			quality_rating: 'UNKNOWN',
			code_verification_status: 'NOT_VERIFIED',
			name_status: 'PENDING_REVIEW',
			account_mode: 'LIVE',
			throughput: { level: 'STANDARD' },
			is_official_business_account: false,
			messaging_limit_tier: 'TIER_250',
			search_visibility: 'VISIBLE',
			...fields,
			id,
			waba_id: String(fields.waba_id),
			display_phone_number: fields.display_phone_number ?? formatDisplayNumber(displayDigits),
			country_dial_code: String(dialCode),
			country_code: fields.country_code ?? regionOf(dialCode),
			is_preverified_number: fields.is_preverified_number ?? false,
			lastOnboardedAt: at(fields.last_onboarded_time),
			sandbox: {
				pin: sandbox.pin,
				health: sandbox.health,
				createdAt: at(sandbox.created) ?? at(fields.last_onboarded_time) ?? this.now(),
				verificationExpiresAt: at(sandbox.verificationExpiry),
				registerCalls: (sandbox.registerCalls ?? []).map(at),
				blockedUntil: at(sandbox.blockedUntil),
				displayNameChanges: (sandbox.displayNameChanges ?? []).map(at),
				nameApprovedAt: at(sandbox.nameApprovedAt),
				oba: { status: sandbox.obaStatus ?? 'NOT_STARTED', rejectedAt: at(sandbox.obaRejectedAt), request: undefined },
				username: sandbox.username,
				usernameEligible: sandbox.usernameEligible,
				settings: {
					user_identity_change: { enable_identity_key_check: !!sandbox.identityKeyCheck },
					calling: { status: 'DISABLED' },
					storage_configuration: { status: 'DEFAULT' },
					...(sandbox.settings ?? {}),
				},
			},
		};
		delete record.last_onboarded_time;
		this.phones.set(id, record);
		return record;
	}

	newId() {
		const id = String(this.nextIdValue);
		this.nextIdValue += 1n;
		return this.kindOf(id) ? this.newId() : id;
	}

	/** Time-driven rules: lapsed verifications and never-verified pool entries. */
	applyTime() {
		const now = this.now();
		for (const [id, entry] of this.pool) {
			if (entry.verifiedAt === undefined && !entry.claimed && now >= entry.addedAt + UNVERIFIED_POOL_LIFETIME_DAYS * DAY_MS) {
				this.pool.delete(id);
				this.codes.delete(id);
			}
		}
		for (const phone of this.phones.values()) {
			const approvedAt = phone.sandbox.nameApprovedAt;
			if (approvedAt !== undefined && now >= approvedAt + this.settings.nameReregisterDays * DAY_MS) {
				// Not registered again within 14 days of the approval: the name must be reviewed again.
				phone.new_name_status = 'EXPIRED';
				phone.sandbox.nameApprovedAt = undefined;
			}
			const expiresAt = phone.sandbox.verificationExpiresAt;
			if (expiresAt !== undefined && now >= expiresAt && phone.code_verification_status === 'VERIFIED') {
				phone.code_verification_status = 'NOT_VERIFIED';
				phone.sandbox.verificationExpiresAt = undefined;
			}
		}
	}

	// Lookup ------------------------------------------------------------------------------

	kindOf(id) {
		if (this.businesses.has(id)) return 'business';
		if (this.wabas.has(id)) return 'waba';
		if (this.phones.has(id)) return 'phone';
		if (this.pool.has(id)) return 'pool';
		if (id === this.credentials?.appId) return 'app';
		return undefined;
	}

	/** Whether the token lost access to a WABA (its client revoked the partner's access: `sandbox.accessRevoked`). */
	accessRevoked(kind, id) {
		const wabaId = kind === 'waba' ? id : kind === 'phone' ? this.phones.get(id).waba_id : undefined;
		return wabaId !== undefined && !!this.wabas.get(wabaId)?.sandbox.accessRevoked;
	}

	/** The WABA or business whose call budget a request spends. */
	scopeOf(kind, id) {
		if (kind === 'waba') return { id, type: 'whatsapp_business_management', budget: this.wabas.get(id).sandbox.callsPerHour };
		if (kind === 'phone') return this.scopeOf('waba', this.phones.get(id).waba_id);
		if (kind === 'business') return { id, type: 'business_management', budget: this.businesses.get(id).sandbox.callsPerHour };
		if (kind === 'pool') return this.scopeOf('business', this.pool.get(id).business_id);
		const first = this.businesses.keys().next().value;
		return first ? this.scopeOf('business', first) : undefined;
	}

	/**
	 * Spends one call of a scope's hourly budget. Returns the `X-Business-Use-Case-Usage`
	 * header and, once the budget is spent, the 80007 error to answer with.
	 */
	chargeCall(scope) {
		if (!scope) return {};
		const now = this.now();
		const calls = (this.scopeCalls.get(scope.id) ?? []).filter((at) => at > now - HOUR_MS);
		this.scopeCalls.set(scope.id, calls);
		const budget = scope.budget;
		const nominal = budget ?? 5000;
		const usage = (count, regainMinutes) => {
			const percent = Math.min(100, Math.round((count / nominal) * 100));
			return JSON.stringify({
				[scope.id]: [
					{
						type: scope.type,
						call_count: percent,
						total_cputime: Math.min(100, Math.round(percent / 4)),
						total_time: Math.min(100, Math.round(percent / 3)),
						estimated_time_to_regain_access: regainMinutes,
					},
				],
			});
		};
		if (budget !== undefined && calls.length >= budget) {
			const regainMinutes = Math.max(1, Math.ceil((calls[0] + HOUR_MS - now) / 60_000));
			const header = usage(calls.length, regainMinutes);
			return { header, error: errors.rateLimited(regainMinutes, { 'X-Business-Use-Case-Usage': header }) };
		}
		calls.push(now);
		return { header: usage(calls.length, 0) };
	}

	// Views (what Graph shows) ------------------------------------------------------------

	businessView(business) {
		const { sandbox, ...fields } = business;
		return {
			...fields,
			link: `https://business.facebook.com/settings/info?business_id=${business.id}`,
			health_status: this.healthStatus(this.businessHealthEntities(business)),
		};
	}

	wabaView(waba) {
		const { sandbox, relation, business_id, ...fields } = waba;
		const owner = waba.owner_business_info ?? (relation === 'owned' ? this.businessInfo(business_id) : undefined);
		return { ...fields, owner_business_info: owner, health_status: this.healthStatus(this.wabaHealthEntities(waba)) };
	}

	// Health status: the entities a send goes through, each AVAILABLE, LIMITED or BLOCKED ---------

	/** The overall verdict is the worst entity's. */
	healthStatus(entities) {
		const worst = ['BLOCKED', 'LIMITED'].find((state) => entities.some((entity) => entity.can_send_message === state)) ?? 'AVAILABLE';
		return { can_send_message: worst, entities };
	}

	/** An entity's health from its fixture (`sandbox.health`: `{can_send_message, errors, additional_info}`). */
	fixtureHealthEntity(entityType, id, health = {}) {
		const errors = health.errors ?? [];
		return {
			entity_type: entityType,
			id,
			can_send_message: health.can_send_message ?? (errors.length ? 'BLOCKED' : 'AVAILABLE'),
			...(errors.length ? { errors: clone(errors) } : {}),
			...(health.additional_info ? { additional_info: clone(health.additional_info) } : {}),
		};
	}

	/** A number sends when CONNECTED; FLAGGED is limited; anything else is blocked until it is registered. */
	phoneHealthEntity(phone) {
		if (phone.sandbox.health) return this.fixtureHealthEntity('PHONE_NUMBER', phone.id, phone.sandbox.health);
		if (phone.status === 'CONNECTED') return { entity_type: 'PHONE_NUMBER', id: phone.id, can_send_message: 'AVAILABLE' };
		if (phone.status === 'FLAGGED') {
			return {
				entity_type: 'PHONE_NUMBER',
				id: phone.id,
				can_send_message: 'LIMITED',
				additional_info: ['The phone number is flagged for low quality; raise its quality rating to keep its messaging limit.'],
			};
		}
		return {
			entity_type: 'PHONE_NUMBER',
			id: phone.id,
			can_send_message: 'BLOCKED',
			errors: [
				{
					error_code: 133010,
					error_description: `The phone number is not registered on Cloud API (status ${phone.status}).`,
					possible_solution: 'Register the phone number.',
				},
			],
		};
	}

	wabaHealthEntities(waba) {
		const business = this.businesses.get(waba?.business_id);
		return [
			this.fixtureHealthEntity('WABA', waba?.id, waba?.sandbox.health),
			...(business ? this.businessHealthEntities(business) : [this.appHealthEntity()]),
		];
	}

	businessHealthEntities(business) {
		return [this.fixtureHealthEntity('BUSINESS', business.id, business.sandbox.health), this.appHealthEntity()];
	}

	appHealthEntity() {
		return { entity_type: 'APP', id: this.credentials.appId, can_send_message: 'AVAILABLE' };
	}

	businessInfo(id) {
		const business = this.businesses.get(id);
		return business ? { id: business.id, name: business.name } : undefined;
	}

	phoneView(phone) {
		const { sandbox, lastOnboardedAt, waba_id, ...fields } = phone;
		const registered = phone.status === 'CONNECTED' || phone.status === 'FLAGGED';
		const waba = this.wabas.get(waba_id);
		const subscription = waba?.sandbox.subscribedApps.find((app) => app.id === this.credentials.appId);
		const webhookConfiguration = subscription
			? dropUndefined({
					phone_number: sandbox.overrideCallbackUri,
					whatsapp_business_account: subscription.override_callback_uri,
					application: this.appSubscriptions.get('whatsapp_business_account')?.callback_url,
				})
			: undefined;
		return {
			...fields,
			certificate: ['APPROVED', 'AVAILABLE_WITHOUT_REVIEW'].includes(phone.name_status)
				? phone.certificate ?? Buffer.from(`sandbox-certificate-${phone.id}`).toString('base64')
				: undefined,
			platform_type: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
			host_platform: registered ? 'CLOUD_API' : 'NOT_APPLICABLE',
			last_onboarded_time: lastOnboardedAt === undefined ? undefined : graphTime(lastOnboardedAt),
			is_pin_enabled: !!sandbox.pin,
			whatsapp_business_manager_messaging_limit: this.messagingLimitOf(phone),
			// Coexistence: also on the WhatsApp Business app (Meta's onboarding of business app users).
			is_on_biz_app: phone.is_on_biz_app ?? false,
			health_status: this.healthStatus([this.phoneHealthEntity(phone), ...this.wabaHealthEntities(waba)]),
			webhook_configuration: webhookConfiguration && Object.keys(webhookConfiguration).length ? webhookConfiguration : undefined,
			official_business_account: { oba_status: sandbox.oba.status },
			is_official_business_account: sandbox.oba.status === 'APPROVED' || !!phone.is_official_business_account,
			conversational_automation: automationView(this, phone.id),
		};
	}

	poolStatus(entry) {
		if (entry.verifiedAt === undefined) return 'NOT_VERIFIED';
		return this.now() >= entry.expiresAt ? this.settings.lapsedStatus : 'VERIFIED';
	}

	poolView(entry) {
		return {
			id: entry.id,
			phone_number: entry.phone_number,
			code_verification_status: this.poolStatus(entry),
			code_verification_time: entry.verifiedAt === undefined ? undefined : graphTime(entry.verifiedAt),
			verification_expiry_time: entry.expiresAt === undefined ? undefined : graphTime(entry.expiresAt),
			owner_business: this.businessInfo(entry.business_id),
		};
	}

	// Business phone numbers ----------------------------------------------------------------

	phonesOf(wabaId) {
		return [...this.phones.values()].filter((phone) => phone.waba_id === wabaId);
	}

	assertNumberIsFree(digits) {
		const taken = [...this.phones.values()].find((phone) => digitsOf(phone.display_phone_number) === digits);
		if (taken) {
			throw errors.cannotAdd(`The phone number +${digits} is already a business phone number (ID ${taken.id}) on a WhatsApp Business account.`);
		}
	}

	createPhone(waba, { cc, phoneNumber, verifiedName }) {
		const digits = `${digitsOf(cc)}${digitsOf(phoneNumber)}`;
		this.assertNumberIsFree(digits);
		const now = this.now();
		return this.addPhoneRecord(
			{
				id: this.newId(),
				waba_id: waba.id,
				display_phone_number: formatDisplayNumber(digits),
				country_dial_code: digitsOf(cc),
				verified_name: verifiedName,
				last_onboarded_time: now,
				sandbox: { created: now },
			},
			(value) => (typeof value === 'number' ? value : parseTime(value, now)),
		);
	}

	/**
	 * `migrate_phone_number: true`: a registered number of another WABA moves here, keeping its
	 * name, quality and limits, and must be verified and registered again. Meta's preconditions
	 * are checked in the order its migration guide lists them.
	 */
	migratePhone(waba, { cc, phoneNumber }) {
		const digits = `${digitsOf(cc)}${digitsOf(phoneNumber)}`;
		if (waba.account_review_status !== 'APPROVED') {
			throw errors.migrationRefused(`The destination WhatsApp Business account has not been approved (account_review_status ${waba.account_review_status}).`);
		}
		const business = this.businesses.get(waba.business_id);
		const verification = waba.business_verification_status ?? business?.verification_status;
		if (verification !== 'verified') {
			throw errors.migrationRefused('Business verification must be completed for the destination business before a phone number can be migrated to it.');
		}
		if (!waba.sandbox.subscribedApps.some((app) => app.id === this.credentials.appId)) {
			throw errors.migrationRefused('Webhooks have not been set up for the destination WhatsApp Business account.');
		}
		const source = [...this.phones.values()].find((phone) => digitsOf(phone.display_phone_number) === digits);
		if (source?.waba_id === waba.id) {
			throw errors.migrationRefused('The phone number you are trying to migrate is already present in your WhatsApp account.', 2388012);
		}
		if (!source || (source.status !== 'CONNECTED' && source.status !== 'FLAGGED')) {
			throw errors.migrationRefused('This phone number is eligible to be added directly, and does not need to use phone migration APIs.');
		}
		if (source.sandbox.pin) throw errors.migrationRefused('Two-step authentication must be disabled for this phone number.');
		// The sandbox moves the record at once (Meta moves it on registration) and keeps its ID.
		Object.assign(source, { waba_id: waba.id, status: 'PENDING', code_verification_status: 'NOT_VERIFIED' });
		source.sandbox.migratedAt = this.now();
		source.lastOnboardedAt = this.now();
		return source;
	}

	/** What Embedded Signup does when a client picks a pre-verified number. */
	claim(entry, waba, verifiedName) {
		if (entry.claimed) {
			throw errors.cannotAdd(`The pre-verified number ${entry.id} was already claimed (business phone number ${entry.claimed.phone_number_id}).`);
		}
		this.assertNumberIsFree(entry.phone_number);
		const now = this.now();
		const verified = this.poolStatus(entry) === 'VERIFIED';
		const phone = this.addPhoneRecord(
			{
				id: this.newId(),
				waba_id: waba.id,
				display_phone_number: formatDisplayNumber(entry.phone_number),
				verified_name: verifiedName,
				code_verification_status: verified ? 'VERIFIED' : 'NOT_VERIFIED',
				is_preverified_number: true,
				last_onboarded_time: now,
				sandbox: { created: now, verificationExpiry: verified ? now + CLAIMED_REGISTER_DAYS * DAY_MS : undefined },
			},
			(value) => (typeof value === 'number' ? value : parseTime(value, now)),
		);
		entry.claimed = { phone_number_id: phone.id, waba_id: waba.id, at: graphTime(now) };
		this.codes.delete(entry.id);
		return phone;
	}

	register(phone, { pin, region }) {
		this.spendRegistration(phone);
		if (phone.code_verification_status !== 'VERIFIED') throw errors.notVerified();
		if (phone.sandbox.pin && phone.sandbox.pin !== pin) throw errors.pinMismatch();
		phone.sandbox.pin = pin;
		phone.sandbox.registerCalls.push(this.now());
		phone.sandbox.verificationExpiresAt = undefined;
		phone.status = 'CONNECTED';
		this.applyApprovedName(phone);
		if (region) phone.sandbox.settings.storage_configuration = { status: 'IN_COUNTRY_STORAGE_ENABLED', data_localization_region: region };
	}

	deregister(phone) {
		this.spendRegistration(phone);
		phone.sandbox.registerCalls.push(this.now());
		phone.status = 'DISCONNECTED';
	}

	/** 10 register/deregister calls per number in 72 h, then a 72 h block (133016). */
	spendRegistration(phone) {
		const now = this.now();
		const windowMs = this.settings.registerWindowHours * HOUR_MS;
		if (phone.sandbox.blockedUntil !== undefined && now < phone.sandbox.blockedUntil) {
			throw errors.registerLimit(graphTime(phone.sandbox.blockedUntil));
		}
		phone.sandbox.registerCalls = phone.sandbox.registerCalls.filter((at) => at > now - windowMs);
		if (phone.sandbox.registerCalls.length >= this.settings.registerLimit) {
			phone.sandbox.blockedUntil = now + windowMs;
			throw errors.registerLimit(graphTime(phone.sandbox.blockedUntil));
		}
	}

	/** `POST /<PHONE_NUMBER_ID>` with `new_display_name`: the name goes to review; 10 changes per 30 days. */
	requestDisplayNameChange(phone, name) {
		const now = this.now();
		const windowMs = this.settings.displayNameChangeWindowDays * DAY_MS;
		const changes = phone.sandbox.displayNameChanges.filter((at) => at > now - windowMs);
		if (changes.length >= this.settings.displayNameChangeLimit) {
			throw errors.displayNameChangeLimit(graphTime(changes[0] + windowMs));
		}
		phone.sandbox.displayNameChanges = [...changes, now];
		phone.sandbox.nameApprovedAt = undefined;
		phone.new_display_name = name;
		phone.new_name_status = 'PENDING_REVIEW';
		phone.new_certificate = undefined;
	}

	/**
	 * `POST /<PHONE_NUMBER_ID>/official_business_account`. Meta names the preconditions (approved
	 * display name, two-step verification, 30 days after a rejection) but not the errors for
	 * them; the sandbox answers each with code 100 and says which one failed.
	 */
	applyForOfficialBusinessAccount(phone, request) {
		const oba = phone.sandbox.oba;
		if (phone.name_status !== 'APPROVED') {
			throw errors.obaRefused('The display name of this phone number must be approved before requesting Official Business Account status');
		}
		if (!phone.sandbox.pin) throw errors.obaRefused('Two-step verification must be enabled on this phone number before requesting Official Business Account status');
		if (oba.status === 'PENDING') throw errors.obaRefused('An Official Business Account request for this phone number is already under review');
		if (oba.status === 'APPROVED') throw errors.obaRefused('This phone number is already an Official Business Account');
		if (oba.status === 'REJECTED' && oba.rejectedAt !== undefined) {
			const reapplyAt = oba.rejectedAt + this.settings.obaReapplyDays * DAY_MS;
			if (this.now() < reapplyAt) {
				throw errors.obaRefused(
					`The Official Business Account request for this phone number was rejected; a new request is possible after ${graphTime(reapplyAt)}`,
				);
			}
		}
		phone.sandbox.oba = { status: 'PENDING', rejectedAt: undefined, request };
	}

	/** Meta's decision on an Official Business Account request (a development endpoint stands in for it). */
	reviewOfficialBusinessAccount(phone, decision) {
		const oba = phone.sandbox.oba;
		if (oba.status !== 'PENDING') throw new Error(`Phone number ${phone.id} has no Official Business Account request under review`);
		phone.sandbox.oba = { ...oba, status: decision, rejectedAt: decision === 'REJECTED' ? this.now() : undefined };
		return { id: phone.id, oba_status: decision };
	}

	/** Meta's review of a requested display name (a development endpoint stands in for it). */
	reviewDisplayName(phone, decision) {
		if (phone.new_name_status !== 'PENDING_REVIEW') {
			throw new Error(`Phone number ${phone.id} has no display-name change under review`);
		}
		if (decision === 'APPROVED') {
			phone.new_name_status = 'APPROVED';
			phone.new_certificate = Buffer.from(`sandbox-certificate-${phone.id}-${phone.new_display_name}`).toString('base64');
			phone.sandbox.nameApprovedAt = this.now();
		} else {
			phone.new_name_status = 'DECLINED';
		}
		return { display_phone_number: phone.display_phone_number, requested_verified_name: phone.new_display_name, decision };
	}

	/** Registering within 14 days of an approval makes the new name the number's display name. */
	applyApprovedName(phone) {
		if (phone.new_name_status !== 'APPROVED' || phone.sandbox.nameApprovedAt === undefined) return;
		phone.verified_name = phone.new_display_name;
		phone.name_status = 'APPROVED';
		phone.certificate = phone.new_certificate;
		phone.new_display_name = undefined;
		phone.new_name_status = undefined;
		phone.new_certificate = undefined;
		phone.sandbox.nameApprovedAt = undefined;
	}

	setPin(phone, pin) {
		phone.sandbox.pin = pin;
	}

	settingsOf(phone) {
		return clone(phone.sandbox.settings);
	}

	/**
	 * The number's messaging limit, which Meta sets per business portfolio since October 2025
	 * (`whatsapp_business_manager_messaging_limit`); the deprecated per-number tier otherwise.
	 */
	messagingLimitOf(phone) {
		const waba = this.wabas.get(phone.waba_id);
		const portfolio = this.businesses.get(waba?.owner_business_info?.id ?? waba?.business_id);
		return portfolio?.sandbox.messagingLimit ?? phone.whatsapp_business_manager_messaging_limit ?? phone.messaging_limit_tier;
	}

	/**
	 * Meta's call settings: only the fields sent change (call_hours is replaced whole); calling
	 * is enabled only with a messaging limit of at least 2,000 and on an eligible number.
	 */
	updateCalling(phone, value, current) {
		const oneOf = (name, allowed) => {
			if (value[name] !== undefined && !allowed.includes(value[name])) {
				throw errors.invalidParameter(`Param calling[${name}] must be one of {${allowed.join(', ')}}`);
			}
		};
		oneOf('status', ['ENABLED', 'DISABLED']);
		oneOf('call_icon_visibility', ['DEFAULT', 'DISABLE_ALL']);
		oneOf('callback_permission_status', ['ENABLED', 'DISABLED']);
		for (const name of ['call_hours', 'sip', 'call_icons']) {
			const part = value[name];
			if (part !== undefined && (!part || typeof part !== 'object' || Array.isArray(part))) {
				throw errors.invalidParameter(`Param calling[${name}] must be an object`);
			}
		}
		if (value.call_hours?.status === 'ENABLED' && !value.call_hours.timezone_id) {
			throw errors.invalidParameter('Param calling[call_hours][timezone_id] is required when call hours are enabled');
		}
		if (value.status === 'ENABLED') {
			if (phone.sandbox.callingEligible === false) throw errors.callingNotEligible();
			if (messagingLimitValue(this.messagingLimitOf(phone)) < CALLING_MINIMUM_LIMIT) throw errors.callingLimitTooLow();
		}
		return { ...current, ...value };
	}

	// One-time codes --------------------------------------------------------------------------

	/** request_code on a business phone number or a pre-verified number. */
	requestCode(kind, id, { method, language }) {
		if (kind === 'pool') {
			const entry = this.pool.get(id);
			if (entry.claimed) {
				throw errors.requestCode(`This pre-verified number was claimed; request the code on business phone number ${entry.claimed.phone_number_id} instead.`);
			}
			this.assertReverificationWindow(entry);
		}
		const now = this.now();
		const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
		this.codes.set(id, {
			id,
			code,
			code_method: method,
			language,
			issuedAt: now,
			expiresAt: now + this.settings.codeTtlMinutes * 60_000,
		});
		return code;
	}

	/** Re-verification is refused until 45 days before `verification_expiry_time` (136024). */
	assertReverificationWindow(entry) {
		if (this.poolStatus(entry) !== 'VERIFIED') return;
		const opensAt = entry.expiresAt - REVERIFY_WINDOW_DAYS * DAY_MS;
		if (this.now() < opensAt) {
			throw errors.requestCode(
				`This pre-verified number is verified until ${graphTime(entry.expiresAt)} and can be re-verified only in the last ${REVERIFY_WINDOW_DAYS} days before that; the re-verification window opens at ${graphTime(opensAt)}.`,
			);
		}
	}

	verifyCode(kind, id, code) {
		const issued = this.codes.get(id);
		const now = this.now();
		if (!issued) throw errors.verifyCode('No verification code was requested for this number; call request_code first.');
		if (now >= issued.expiresAt) {
			this.codes.delete(id);
			throw errors.verifyCode('The verification code has expired; request a new one.');
		}
		if (issued.code !== code) throw errors.verifyCode('The verification code is incorrect.');
		this.codes.delete(id);
		if (kind === 'pool') {
			const entry = this.pool.get(id);
			this.assertReverificationWindow(entry);
			entry.verifiedAt = now;
			entry.expiresAt = now + VERIFICATION_DAYS * DAY_MS;
		} else {
			this.phones.get(id).code_verification_status = 'VERIFIED';
		}
		this.lastVerified = { id, at: now };
	}

	latestCode(id) {
		const issued = this.codes.get(String(id));
		if (!issued) return undefined;
		return {
			id: issued.id,
			code: issued.code,
			sms: `WhatsApp code ${issued.code.slice(0, 3)}-${issued.code.slice(3)}`,
			code_method: issued.code_method,
			language: issued.language,
			issued_time: graphTime(issued.issuedAt),
			expiry_time: graphTime(issued.expiresAt),
			expired: this.now() >= issued.expiresAt,
		};
	}

	// Pre-verified pool -------------------------------------------------------------------

	poolOf(businessId) {
		return [...this.pool.values()]
			.filter((entry) => entry.business_id === businessId)
			.sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1));
	}

	addToPool(business, digits) {
		const existing = [...this.pool.values()].find((entry) => entry.phone_number === digits);
		if (existing) {
			throw errors.invalidParameter(`The phone number ${digits} is already in a pre-verified pool (ID ${existing.id}).`);
		}
		this.assertNumberIsFree(digits);
		const entry = { id: this.newId(), business_id: business.id, phone_number: digits, addedAt: this.now(), partners: [] };
		this.pool.set(entry.id, entry);
		return entry;
	}

	removeFromPool(entry) {
		this.pool.delete(entry.id);
		this.codes.delete(entry.id);
	}

	// Snapshot ----------------------------------------------------------------------------

	snapshot() {
		const render = (value) => JSON.parse(JSON.stringify(value));
		return {
			now: graphTime(this.now()),
			credentials: { ...this.credentials },
			businesses: [...this.businesses.values()].map((business) => this.businessView(business)),
			wabas: [...this.wabas.values()].map((waba) => ({
				...this.wabaView(waba),
				business_id: waba.business_id,
				relation: waba.relation,
				subscribed_apps: waba.sandbox.subscribedApps,
				calls_per_hour: waba.sandbox.callsPerHour,
			})),
			phoneNumbers: [...this.phones.values()].map((phone) => ({
				...render(this.phoneView(phone)),
				waba_id: phone.waba_id,
				sandbox: {
					pin: phone.sandbox.pin,
					settings: phone.sandbox.settings,
					register_calls: phone.sandbox.registerCalls.map(graphTime),
					blocked_until: phone.sandbox.blockedUntil === undefined ? undefined : graphTime(phone.sandbox.blockedUntil),
					display_name_changes: phone.sandbox.displayNameChanges.map(graphTime),
					name_approved_at: phone.sandbox.nameApprovedAt === undefined ? undefined : graphTime(phone.sandbox.nameApprovedAt),
					official_business_account_request: phone.sandbox.oba.request,
					override_callback_uri: phone.sandbox.overrideCallbackUri,
					username: phone.sandbox.username,
				},
			})),
			preVerifiedNumbers: [...this.pool.values()].map((entry) => ({
				...render(this.poolView(entry)),
				business_id: entry.business_id,
				added_time: graphTime(entry.addedAt),
				claimed: entry.claimed,
				partners: entry.partners,
			})),
			appSubscriptions: [...this.appSubscriptions.values()].map(render),
			profiles: render(profileSnapshot(this)),
		};
	}
}

module.exports = {
	World,
	DATA_LOCALIZATION_REGIONS,
	VERIFICATION_DAYS,
	REVERIFY_WINDOW_DAYS,
	UNVERIFIED_POOL_LIFETIME_DAYS,
	CLAIMED_REGISTER_DAYS,
};
