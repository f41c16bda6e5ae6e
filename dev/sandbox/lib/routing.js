'use strict';

/**
 * Where Meta sends a notification: for the fields that follow an override, the phone number's
 * override, else its WABA's (the app's entry in subscribed_apps), else the app's callback URL;
 * every other field always goes to the app's callback URL.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/override
 */
const FIELDS_FOLLOWING_OVERRIDES = new Set([
	'messages',
	'message_echoes',
	'calls',
	'consumer_profile',
	'messaging_handovers',
	'standby',
	'group_lifecycle_update',
	'group_participants_update',
	'group_settings_update',
	'group_status_update',
	'smb_message_echoes',
	'smb_app_state_sync',
	'history',
	'account_settings_update',
]);

/** The first change decides: Meta batches only changes that go to the same place. */
function routeOf(world, payload, appSubscription) {
	const entry = payload?.entry?.[0];
	const change = entry?.changes?.[0];
	const application = { url: appSubscription?.callback_url, via: 'application' };
	if (!change || !FIELDS_FOLLOWING_OVERRIDES.has(change.field)) return application;
	// account_settings_update names its number in phone_number_settings, messaging fields in metadata.
	const phoneNumberId = change.value?.metadata?.phone_number_id ?? change.value?.phone_number_settings?.phone_number_id;
	const phone = world.phones.get(String(phoneNumberId ?? ''));
	if (phone?.sandbox.overrideCallbackUri) return { url: phone.sandbox.overrideCallbackUri, via: 'phone_number' };
	const waba = world.wabas.get(String(entry.id ?? phone?.waba_id ?? ''));
	const app = waba?.sandbox.subscribedApps.find((subscribed) => subscribed.id === world.credentials.appId);
	if (app?.override_callback_uri) return { url: app.override_callback_uri, via: 'whatsapp_business_account' };
	return application;
}

module.exports = { FIELDS_FOLLOWING_OVERRIDES, routeOf };
