'use strict';

/**
 * Webhook payloads shaped like Meta's WhatsApp Business Account webhooks, and the signing
 * Meta applies (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>`).
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

const { send } = require('./lib/http');

const unixSeconds = (time) => Math.floor((time ?? Date.now()) / 1000);
const digits = (value) => String(value ?? '').replace(/\D/g, '');
const withoutUndefined = (value) => JSON.parse(JSON.stringify(value));

function signBody(rawBody, appSecret) {
	return `sha256=${crypto.createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

function signBodySha1(rawBody, appSecret) {
	return `sha1=${crypto.createHmac('sha1', appSecret).update(rawBody).digest('hex')}`;
}

/** `{"object":"whatsapp_business_account","entry":[{"id","time","changes":[{"field","value"}]}]}` */
function envelope({ entryId, field, value, time, object = 'whatsapp_business_account' }) {
	return { object, entry: [{ id: String(entryId), time: unixSeconds(time), changes: [{ field, value: withoutUndefined(value) }] }] };
}

function phoneNumberQualityUpdate({
	wabaId,
	displayPhoneNumber,
	event = 'FLAGGED',
	currentLimit = 'TIER_1K',
	oldLimit,
	maxDailyConversationsPerBusiness,
	time,
}) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'phone_number_quality_update',
		value: {
			display_phone_number: digits(displayPhoneNumber),
			event,
			current_limit: currentLimit,
			old_limit: oldLimit,
			max_daily_conversations_per_business: maxDailyConversationsPerBusiness,
		},
	});
}

/**
 * Meta's current payload carries the portfolio's limit (`max_daily_conversations_per_business`,
 * a number in Meta's example, TIER_250 … TIER_UNLIMITED in its table); the per-number
 * `max_daily_conversation_per_phone` was removed in 2026 and is sent only when asked for.
 */
function businessCapabilityUpdate({
	wabaId,
	maxDailyConversationPerPhone,
	maxDailyConversationsPerBusiness = 2000,
	maxPhoneNumbersPerBusiness,
	maxPhoneNumbersPerWaba = 25,
	time,
}) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'business_capability_update',
		value: {
			max_daily_conversation_per_phone: maxDailyConversationPerPhone,
			max_daily_conversations_per_business: maxDailyConversationsPerBusiness,
			max_phone_numbers_per_business: maxPhoneNumbersPerBusiness,
			max_phone_numbers_per_waba: maxPhoneNumbersPerWaba,
		},
	});
}

/** `entryId` is a business ID instead of a WABA ID for PARTNER_ADDED. */
function accountUpdate({
	wabaId,
	entryId,
	event = 'ACCOUNT_VIOLATION',
	phoneNumber,
	banInfo,
	violationInfo = event === 'ACCOUNT_VIOLATION' ? { violation_type: 'SCAM' } : undefined,
	restrictionInfo,
	wabaInfo,
	time,
}) {
	return envelope({
		entryId: entryId ?? wabaId,
		time,
		field: 'account_update',
		value: {
			event,
			phone_number: phoneNumber === undefined ? undefined : digits(phoneNumber),
			ban_info: banInfo,
			violation_info: violationInfo,
			restriction_info: restrictionInfo,
			waba_info: wabaInfo,
		},
	});
}

function phoneNumberNameUpdate({ wabaId, displayPhoneNumber, decision = 'APPROVED', requestedVerifiedName, rejectionReason, time }) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'phone_number_name_update',
		value: {
			display_phone_number: digits(displayPhoneNumber),
			decision,
			requested_verified_name: requestedVerifiedName,
			rejection_reason: rejectionReason ?? (decision === 'REJECTED' ? 'NAME_FORMATTING' : 'NONE'),
		},
	});
}

function security({ wabaId, displayPhoneNumber, event = 'PIN_CHANGED', requester, time }) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'security',
		value: { display_phone_number: digits(displayPhoneNumber), event, requester },
	});
}

/**
 * `account_alerts`: OBA decisions and profile-photo loss name a phone number (`entity_id` is its
 * phone-number ID), messaging-limit eligibility names the business portfolio.
 */
const ALERT_DEFAULTS = {
	OBA_APPROVED: { entityType: 'PHONE_NUMBER', severity: 'INFORMATIONAL', status: 'NONE', description: 'Your Official Business Account request was approved.' },
	OBA_REJECTED: { entityType: 'PHONE_NUMBER', severity: 'CRITICAL', status: 'ACTIVE', description: 'Your Official Business Account request was rejected. You can apply again after 30 days.' },
	PROFILE_PICTURE_LOST: { entityType: 'PHONE_NUMBER', severity: 'WARNING', status: 'ACTIVE', description: 'The profile photo of your business phone number was deleted. Upload it again.' },
	INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED: {
		entityType: 'BUSINESS',
		severity: 'WARNING',
		status: 'ACTIVE',
		description: 'Limits cannot be increased for your business. Use WhatsApp Business platform actively for several days and follow our messaging policies.',
	},
	INCREASED_CAPABILITIES_ELIGIBILITY_FAILED: {
		entityType: 'BUSINESS',
		severity: 'CRITICAL',
		status: 'ACTIVE',
		description: 'Based on your activity, limits cannot be increased for your business. Contact support for more information.',
	},
	INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO: {
		entityType: 'BUSINESS',
		severity: 'WARNING',
		status: 'ACTIVE',
		description: 'Additional verification is required for your business. Go to Security Center in Meta for Business to complete identity verification.',
	},
};

function accountAlerts({ wabaId, phoneNumberId, businessId, alertType = 'OBA_APPROVED', entityType, entityId, severity, status, description, time }) {
	const defaults = ALERT_DEFAULTS[alertType] ?? { entityType: 'PHONE_NUMBER', severity: 'INFORMATIONAL', status: 'NONE', description: alertType };
	const type = entityType ?? defaults.entityType;
	return envelope({
		entryId: wabaId,
		time,
		field: 'account_alerts',
		value: {
			entity_type: type,
			entity_id: String(entityId ?? (type === 'PHONE_NUMBER' ? phoneNumberId : businessId ?? wabaId)),
			alert_info: {
				alert_severity: severity ?? defaults.severity,
				alert_status: status ?? defaults.status,
				alert_type: alertType,
				alert_description: description ?? defaults.description,
			},
		},
	});
}

/** `account_review_update`: the WABA's policy review, `decision` APPROVED, REJECTED, PENDING or DEFERRED. */
function accountReviewUpdate({ wabaId, decision = 'APPROVED', time }) {
	return envelope({ entryId: wabaId, time, field: 'account_review_update', value: { decision } });
}

const messagesValue = ({ displayPhoneNumber, phoneNumberId }, rest) => ({
	messaging_product: 'whatsapp',
	metadata: { display_phone_number: digits(displayPhoneNumber), phone_number_id: String(phoneNumberId) },
	...rest,
});

const messageId = (seed) => `wamid.${Buffer.from(`sandbox-${seed}`).toString('base64')}`;

/** An incoming text message whose contact carries `identity_key_hash` (identity check on). */
function identityMessage({
	wabaId,
	phoneNumberId,
	displayPhoneNumber,
	waId = '16505551234',
	profileName = 'Sandbox Customer',
	identityKeyHash = 'DF2lS5v2W6x=',
	text = 'Hello',
	time,
}) {
	const timestamp = String(unixSeconds(time));
	return envelope({
		entryId: wabaId,
		time,
		field: 'messages',
		value: messagesValue(
			{ displayPhoneNumber, phoneNumberId },
			{
				contacts: [{ profile: { name: profileName }, wa_id: waId, identity_key_hash: identityKeyHash }],
				messages: [{ from: waId, id: messageId(`${waId}-${timestamp}-${text}`), timestamp, type: 'text', text: { body: text } }],
			},
		),
	});
}

/** The legacy `system` message announcing that a customer's identity changed. */
function identitySystemMessage({
	wabaId,
	phoneNumberId,
	displayPhoneNumber,
	waId = '16505551234',
	identityHash = 'DF2lS5v2W6x=',
	acknowledged = false,
	time,
}) {
	const timestamp = String(unixSeconds(time));
	return envelope({
		entryId: wabaId,
		time,
		field: 'messages',
		value: messagesValue(
			{ displayPhoneNumber, phoneNumberId },
			{
				messages: [
					{
						from: waId,
						id: messageId(`${waId}-${timestamp}-identity`),
						timestamp,
						type: 'system',
						system: { body: 'User A changed from to', customer: waId, type: 'customer_identity_changed' },
						identity: { acknowledged, created_timestamp: Number(timestamp), hash: identityHash },
					},
				],
			},
		),
	});
}

/** A status webhook for a send refused because the recipient's identity hash changed (137000). */
function identityMismatchStatus({
	wabaId,
	phoneNumberId,
	displayPhoneNumber,
	recipientId = '16505551234',
	recipientIdentityKeyHash = 'DF2lS5v2W6x=',
	time,
}) {
	const timestamp = String(unixSeconds(time));
	return envelope({
		entryId: wabaId,
		time,
		field: 'messages',
		value: messagesValue(
			{ displayPhoneNumber, phoneNumberId },
			{
				statuses: [
					{
						id: messageId(`${recipientId}-${timestamp}-status`),
						status: 'failed',
						timestamp,
						recipient_id: recipientId,
						recipient_identity_key_hash: recipientIdentityKeyHash,
						errors: [
							{
								code: 137000,
								title: 'Identity key mismatch',
								message: 'Identity key mismatch',
								error_data: {
									details: 'The recipient identity key hash in the request does not match the current identity of the recipient.',
								},
							},
						],
					},
				],
			},
		),
	});
}

/**
 * Partner events (`account_update`), as Meta's solution-provider webhook page and recorded payloads
 * show them: addressed to the partner's business portfolio (`entry.id`), about the client's WABA
 * (`waba_info.waba_id`), owned by the client's portfolio (`owner_business_id`).
 */
function partnerEvent({
	wabaId,
	businessId,
	ownerBusinessId,
	event = 'PARTNER_ADDED',
	solutionId,
	partnerBusinessIds,
	partnerAppId = '5731794616896507',
	adAccountId = '980198427534243',
	disconnectionInfo,
	time,
}) {
	const solution = solutionId ? { solution_id: String(solutionId), solution_partner_business_ids: (partnerBusinessIds ?? [businessId]).map(String) } : {};
	const owner = { waba_id: String(wabaId), owner_business_id: String(ownerBusinessId ?? businessId) };
	const wabaInfoByEvent = {
		PARTNER_ADDED: { ...owner, ...solution },
		PARTNER_APP_INSTALLED: { ...owner, partner_app_id: String(partnerAppId), ...solution },
		PARTNER_APP_UNINSTALLED: { ...owner, partner_app_id: String(partnerAppId) },
		PARTNER_REMOVED: owner,
		AD_ACCOUNT_LINKED: { owner_business_id: owner.owner_business_id, ad_account_linked: String(adAccountId), waba_id: owner.waba_id },
		MM_LITE_TERMS_SIGNED: { owner_business_id: owner.owner_business_id, waba_id: owner.waba_id },
	};
	return envelope({
		entryId: businessId,
		time,
		field: 'account_update',
		value: { event, waba_info: wabaInfoByEvent[event] ?? owner, disconnection_info: disconnectionInfo },
	});
}

/** `message_template_status_update`: APPROVED, REJECTED, PAUSED, DISABLED …, with the parts Meta adds per event. */
function messageTemplateStatusUpdate({
	wabaId,
	event = 'APPROVED',
	templateId = 1689556908129832,
	templateName = 'order_confirmation',
	language = 'en_US',
	category = 'UTILITY',
	reason = event === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
	otherInfo = event === 'PAUSED' ? { title: 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused for 3 hours.' } : undefined,
	disableDate,
	rejectionInfo,
	time,
}) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'message_template_status_update',
		value: {
			event,
			message_template_id: Number(templateId),
			message_template_name: templateName,
			message_template_language: language,
			reason,
			message_template_category: category,
			disable_info: event === 'DISABLED' ? { disable_date: String(disableDate ?? unixSeconds(time)) } : undefined,
			other_info: otherInfo,
			rejection_info: rejectionInfo,
		},
	});
}

function messageTemplateQualityUpdate({
	wabaId,
	previousQualityScore = 'GREEN',
	newQualityScore = 'YELLOW',
	templateId = 806312974732579,
	templateName = 'welcome_template',
	language = 'en_US',
	time,
}) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'message_template_quality_update',
		value: {
			previous_quality_score: previousQualityScore,
			new_quality_score: newQualityScore,
			message_template_id: Number(templateId),
			message_template_name: templateName,
			message_template_language: language,
		},
	});
}

/**
 * `template_category_update`: a change announced 24 hours ahead carries `correct_category` (the
 * coming category), `new_category` (the current one) and `category_update_timestamp`; a completed
 * change `previous_category` and `new_category`.
 */
function templateCategoryUpdate({
	wabaId,
	templateId = 278077987957091,
	templateName = 'welcome_template',
	language = 'en_US',
	previousCategory = 'UTILITY',
	newCategory = 'MARKETING',
	correctCategory,
	categoryUpdateTimestamp,
	time,
}) {
	const change = correctCategory
		? { correct_category: correctCategory, new_category: previousCategory, category_update_timestamp: categoryUpdateTimestamp ?? unixSeconds(time) + 86_400 }
		: { previous_category: previousCategory, new_category: newCategory };
	return envelope({
		entryId: wabaId,
		time,
		field: 'template_category_update',
		value: { message_template_id: Number(templateId), message_template_name: templateName, message_template_language: language, ...change },
	});
}

/** `business_username_updates`: approved, reserved or deleted; Meta leaves `username` out when it was deleted. */
function businessUsernameUpdate({ wabaId, displayPhoneNumber, username = 'acmesupport', status = 'approved', time }) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'business_username_updates',
		value: { display_phone_number: digits(displayPhoneNumber), username: status === 'deleted' ? undefined : username, status },
	});
}

/** `account_settings_update` for a number's calling settings (the same object GET /<PHONE_NUMBER_ID>/settings reads). */
function accountSettingsUpdate({
	wabaId,
	phoneNumberId,
	calling = { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'ENABLED', sip: { status: 'DISABLED' } },
	time,
}) {
	return envelope({
		entryId: wabaId,
		time,
		field: 'account_settings_update',
		value: {
			messaging_product: 'whatsapp',
			timestamp: String(unixSeconds(time)),
			type: 'PHONE_NUMBER_SETTINGS',
			phone_number_settings: { phone_number_id: String(phoneNumberId), calling },
		},
	});
}

/**
 * The system message for a customer whose business-scoped user ID changed (they changed phone
 * number). `waId: null` leaves out `from` and `wa_id`, as for customers whose number Meta does not share.
 */
function userIdChangedMessage({
	wabaId,
	phoneNumberId,
	displayPhoneNumber,
	waId = '16505551234',
	userId = 'US.13491208655302741918',
	previousUserId = 'US.11815799212886844830',
	parentUserId,
	profileName = 'Sandbox Customer',
	time,
}) {
	const timestamp = String(unixSeconds(time));
	return envelope({
		entryId: wabaId,
		time,
		field: 'messages',
		value: messagesValue(
			{ displayPhoneNumber, phoneNumberId },
			{
				messages: [
					{
						from: waId ?? undefined,
						id: messageId(`${userId}-${timestamp}-user-id`),
						timestamp,
						type: 'system',
						system: {
							body: `User ${profileName} changed from ${previousUserId} to ${userId}`,
							wa_id: waId ?? undefined,
							user_id: userId,
							parent_user_id: parentUserId,
							type: 'user_changed_user_id',
						},
					},
				],
			},
		),
	});
}

/** Builders by the name the development sender accepts as `kind`. */
const builders = {
	phone_number_quality_update: phoneNumberQualityUpdate,
	business_capability_update: businessCapabilityUpdate,
	account_update: accountUpdate,
	phone_number_name_update: phoneNumberNameUpdate,
	security,
	account_alerts: accountAlerts,
	account_review_update: accountReviewUpdate,
	identity_message: identityMessage,
	identity_system_message: identitySystemMessage,
	identity_mismatch_status: identityMismatchStatus,
	partner_event: partnerEvent,
	message_template_status_update: messageTemplateStatusUpdate,
	message_template_quality_update: messageTemplateQualityUpdate,
	template_category_update: templateCategoryUpdate,
	business_username_updates: businessUsernameUpdate,
	account_settings_update: accountSettingsUpdate,
	user_changed_user_id: userIdChangedMessage,
};

/**
 * Posts one raw body `count` times (at most `concurrency` at once), signed like Meta:
 * `signature` is `valid`, `forged` (well-formed, wrong secret) or `none`.
 */
async function deliver({ url, payload, rawBody, appSecret, signature = 'valid', count = 1, concurrency = 10, headers = {}, timeoutMs = 30_000 }) {
	const body = rawBody ?? JSON.stringify(payload);
	const secret = signature === 'forged' ? `forged-${appSecret}` : appSecret;
	const signed = signature === 'none' ? {} : { 'X-Hub-Signature-256': signBody(body, secret), 'X-Hub-Signature': signBodySha1(body, secret) };
	const requestHeaders = {
		'Content-Type': 'application/json',
		'User-Agent': 'facebookexternalua',
		...signed,
		...headers,
	};
	const total = Math.max(1, Math.floor(Number(count) || 1));
	const parallel = Math.max(1, Math.min(total, Math.floor(Number(concurrency) || 1)));
	const agent = new (url.startsWith('https:') ? https : http).Agent({ keepAlive: true, maxSockets: parallel });
	const deliveries = new Array(total);
	let next = 0;
	const worker = async () => {
		while (next < total) {
			const index = next++;
			const result = await send(url, { method: 'POST', headers: requestHeaders, body, agent, timeoutMs });
			deliveries[index] = { index, status: result.status, ms: result.ms, body: result.body?.slice(0, 500), error: result.error };
		}
	};
	try {
		await Promise.all(Array.from({ length: parallel }, worker));
	} finally {
		agent.destroy();
	}
	const statusCounts = {};
	for (const delivery of deliveries) statusCounts[delivery.status] = (statusCounts[delivery.status] ?? 0) + 1;
	return { url, signature, count: total, rawBody: body, signatureHeader: signed['X-Hub-Signature-256'], statusCounts, deliveries };
}

module.exports = {
	signBody,
	signBodySha1,
	envelope,
	phoneNumberQualityUpdate,
	businessCapabilityUpdate,
	accountUpdate,
	phoneNumberNameUpdate,
	security,
	accountAlerts,
	accountReviewUpdate,
	identityMessage,
	identitySystemMessage,
	identityMismatchStatus,
	partnerEvent,
	messageTemplateStatusUpdate,
	messageTemplateQualityUpdate,
	templateCategoryUpdate,
	businessUsernameUpdate,
	accountSettingsUpdate,
	userIdChangedMessage,
	builders,
	deliver,
};
