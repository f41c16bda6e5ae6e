'use strict';

const crypto = require('node:crypto');

/** A Graph API error, rendered as Graph's envelope `{"error":{message,type,code,...}}`. */
class GraphError extends Error {
	constructor({ message, type = 'OAuthException', code, subcode, status = 400, title, userMessage, details, transient, headers }) {
		super(message);
		Object.assign(this, { type, code, subcode, status, title, userMessage, details, transient, headers });
	}

	body(fbtraceId = newTraceId()) {
		const error = { message: this.message, type: this.type, code: this.code };
		if (this.subcode !== undefined) error.error_subcode = this.subcode;
		if (this.transient !== undefined) error.is_transient = this.transient;
		if (this.title) error.error_user_title = this.title;
		if (this.userMessage) error.error_user_msg = this.userMessage;
		if (this.details) error.error_data = { messaging_product: 'whatsapp', details: this.details };
		error.fbtrace_id = fbtraceId;
		return { error };
	}
}

function newTraceId() {
	return crypto.randomBytes(9).toString('base64').replace(/[+/=]/g, 'A');
}

const NODE_TYPES = {
	business: 'Business',
	waba: 'WhatsAppBusinessAccount',
	phone: 'WhatsAppBusinessPhoneNumber',
	pool: 'WhatsAppBusinessPreVerifiedPhoneNumber',
	app: 'Application',
	user: 'User',
};

const errors = {
	missingToken: () =>
		new GraphError({ code: 104, message: 'An access token is required to request this resource.' }),
	invalidToken: () =>
		new GraphError({
			code: 190,
			message: 'Invalid OAuth access token - Cannot parse access token',
			headers: { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' },
		}),
	appTokenRequired: () =>
		new GraphError({ code: 15, message: '(#15) This method must be called with an app access_token.' }),
	userTokenRequired: () =>
		new GraphError({ code: 2500, message: 'An active access token must be used to query information about the current user.' }),
	unsupported: (method, id) =>
		new GraphError({
			type: 'GraphMethodException',
			code: 100,
			subcode: 33,
			message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		}),
	nonexistingField: (field, kind) =>
		new GraphError({ code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${NODE_TYPES[kind] ?? kind})` }),
	/** What Graph answers once a client has revoked the partner's access to its WABA. */
	permissionDenied: () =>
		new GraphError({ code: 200, status: 403, message: '(#200) Permissions error', details: 'The app no longer has access to this WhatsApp Business Account.' }),
	invalidParameter: (message, details) =>
		new GraphError({ code: 100, message: `(#100) ${message}`, details }),
	rateLimited: (minutes, headers) =>
		new GraphError({
			code: 80007,
			message: '(#80007) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
			details: `Rate limit hit for this WhatsApp Business account; access is regained in about ${minutes} minute(s).`,
			transient: true,
			headers,
		}),
	pinMismatch: () =>
		new GraphError({ code: 133005, message: 'Two step verification PIN Mismatch', details: 'Two step verification PIN incorrect.' }),
	notVerified: () =>
		new GraphError({
			code: 133006,
			message: 'Phone number re-verification needed',
			details: 'The phone number must be verified (request_code, then verify_code) before it can be registered.',
		}),
	registerLimit: (until) =>
		new GraphError({
			code: 133016,
			message: 'Account register deregister rate limit exceeded',
			details: `Registration or deregistration failed: more than 10 register/deregister calls for this number in 72 hours. The number is blocked from registering until ${until}.`,
		}),
	// Meta documents the limit (10 changes per 30 days) but not the error; see the README.
	displayNameChangeLimit: (until) =>
		new GraphError({
			code: 100,
			message: '(#100) The display name of this phone number was changed 10 times in the last 30 days',
			details: `Display-name changes are limited to 10 per 30-day period. The next change is possible after ${until}.`,
		}),
	// Meta says the app must be subscribed to the WABA before an override, not with which error; see the README.
	appNotSubscribed: (wabaId) =>
		new GraphError({
			code: 100,
			message: `(#100) The app is not subscribed to the WhatsApp Business Account ${wabaId}; subscribe it with POST /${wabaId}/subscribed_apps before setting a callback override`,
		}),
	// Meta documents the Official Business Account preconditions, not their error codes; see the README.
	obaRefused: (message) => new GraphError({ code: 100, message: `(#100) ${message}` }),
	// Meta's error page gives the migration refusals' texts; only "already present" has a
	// published code (2388012, as subcode). The others are sent as error 100 with Meta's text.
	migrationRefused: (userMessage, subcode) =>
		new GraphError({ code: 100, subcode, message: '(#100) Invalid parameter', title: 'Phone number migration refused', userMessage }),
	requestCode: (details) =>
		new GraphError({ code: 136024, message: '(#136024) Verification code request error', details }),
	verifyCode: (details) =>
		new GraphError({ code: 136025, message: '(#136025) Verification code error', details }),
	cannotAdd: (details) =>
		new GraphError({ code: 200000, message: '(#200000) Cannot add the phone number to the WhatsApp Business account', details }),
	// Meta documents the rule (change local storage only while not registered), not its error; see the README.
	localStorageWhileRegistered: () =>
		new GraphError({
			code: 100,
			message: '(#100) Local storage can only be enabled or disabled while the phone number is not registered. Deregister the number, change the setting, then register it again.',
		}),
	// Meta's call-settings page states the 2,000 rule; 138015 is the code partners report for it.
	callingLimitTooLow: () =>
		new GraphError({
			code: 138015,
			message: '(#138015) Calling cannot be enabled: the business messaging limit is below 2000',
			details: 'Calling API features need a messaging limit of at least 2000 business-initiated conversations in a rolling 24-hour period.',
		}),
	// Meta does not publish the error for a number that may not call; the sandbox answers error 100 naming eligibility.
	callingNotEligible: () =>
		new GraphError({ code: 100, message: '(#100) This phone number is not eligible for the Calling API' }),
	callbackVerification: (reason) =>
		new GraphError({ code: 2200, message: `(#2200) callback verification failed: ${reason}` }),
};

module.exports = { GraphError, errors, newTraceId, NODE_TYPES };
