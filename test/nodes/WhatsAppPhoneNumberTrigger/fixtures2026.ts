/**
 * Payloads of the fields and events Meta added by 2026, shaped as Meta's webhook references show
 * them (template status, quality and category; business usernames; account_settings_update;
 * the user_changed_user_id system message) and, for the partner events, as recorded by another
 * client library (pywa's tests/data/updates/account_update.json): the entry's ID is the solution
 * partner's business portfolio, `waba_info.waba_id` the client's WABA.
 */
import { BUSINESS_METADATA, DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID } from './fixtures';

/** The solution partner's business portfolio: the entry ID of every partner event. */
export const PARTNER_PORTFOLIO_ID = '2949482758682047';
/** The client's business portfolio (`waba_info.owner_business_id`). */
export const CLIENT_PORTFOLIO_ID = '2329417887457253';
export const CLIENT_WABA_ID = '980198427658004';
export const PARTNER_TIME = 1744823932;

const partnerIds = { solution_id: '1715120619246906', solution_partner_business_ids: [PARTNER_PORTFOLIO_ID, '520744086200222'] };

/** Every partner `account_update` shape, with the WABA it is about. */
export const partnerEvents: Array<{ name: string; event: string; value: Record<string, unknown>; wabaId: string }> = [
	{
		name: 'PARTNER_ADDED',
		event: 'PARTNER_ADDED',
		value: { event: 'PARTNER_ADDED', waba_info: { waba_id: CLIENT_WABA_ID, owner_business_id: CLIENT_PORTFOLIO_ID, ...partnerIds } },
		wabaId: CLIENT_WABA_ID,
	},
	{
		name: 'PARTNER_APP_INSTALLED',
		event: 'PARTNER_APP_INSTALLED',
		value: {
			event: 'PARTNER_APP_INSTALLED',
			waba_info: { waba_id: '1191624265890717', owner_business_id: CLIENT_PORTFOLIO_ID, partner_app_id: '5731794616896507', ...partnerIds },
		},
		wabaId: '1191624265890717',
	},
	{
		name: 'PARTNER_APP_UNINSTALLED',
		event: 'PARTNER_APP_UNINSTALLED',
		value: { event: 'PARTNER_APP_UNINSTALLED', waba_info: { waba_id: '184943124712545', owner_business_id: '1284923862322270', partner_app_id: '869361281603019' } },
		wabaId: '184943124712545',
	},
	{
		name: 'PARTNER_REMOVED',
		event: 'PARTNER_REMOVED',
		value: { event: 'PARTNER_REMOVED', waba_info: { waba_id: CLIENT_WABA_ID, owner_business_id: CLIENT_PORTFOLIO_ID } },
		wabaId: CLIENT_WABA_ID,
	},
	{
		name: 'PARTNER_REMOVED with disconnection_info',
		event: 'PARTNER_REMOVED',
		value: {
			event: 'PARTNER_REMOVED',
			waba_info: { waba_id: CLIENT_WABA_ID, owner_business_id: CLIENT_PORTFOLIO_ID },
			disconnection_info: { reason: 'PRIMARY_INACTIVITY', initiated_by: 'SYSTEM' },
		},
		wabaId: CLIENT_WABA_ID,
	},
	{
		name: 'AD_ACCOUNT_LINKED',
		event: 'AD_ACCOUNT_LINKED',
		value: {
			event: 'AD_ACCOUNT_LINKED',
			waba_info: { owner_business_id: CLIENT_PORTFOLIO_ID, ad_account_linked: '980198427534243', waba_id: CLIENT_WABA_ID },
		},
		wabaId: CLIENT_WABA_ID,
	},
	{
		name: 'MM_LITE_TERMS_SIGNED',
		event: 'MM_LITE_TERMS_SIGNED',
		value: { event: 'MM_LITE_TERMS_SIGNED', waba_info: { owner_business_id: CLIENT_PORTFOLIO_ID, waba_id: CLIENT_WABA_ID } },
		wabaId: CLIENT_WABA_ID,
	},
];

/** A partner-led verification update: addressed to the WABA itself, no `waba_info`. */
export const partnerCertificationUpdate = {
	event: 'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE',
	partner_client_certification_info: { client_business_id: '2729063490586005', status: 'APPROVED', rejection_reasons: ['NONE'] },
};

export const templatePaused = {
	event: 'PAUSED',
	message_template_id: 1689556908129832,
	message_template_name: 'order_confirmation',
	message_template_language: 'en_US',
	reason: 'NONE',
	message_template_category: 'UTILITY',
	other_info: { title: 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused for 3 hours.' },
};

export const templateQualityRed = {
	previous_quality_score: 'YELLOW',
	new_quality_score: 'RED',
	message_template_id: 806312974732579,
	message_template_name: 'welcome_template',
	message_template_language: 'en-US',
};

/** Announced 24 hours ahead: `new_category` is still the current one, `correct_category` the coming one. */
export const templateRecategorisationAhead = {
	message_template_id: 278077987957091,
	message_template_name: 'welcome_template',
	message_template_language: 'en-US',
	correct_category: 'MARKETING',
	new_category: 'UTILITY',
	category_update_timestamp: 1760711433,
};

export const templateRecategorised = {
	message_template_id: 278077987957091,
	message_template_name: 'welcome_template',
	message_template_language: 'en-US',
	previous_category: 'UTILITY',
	new_category: 'MARKETING',
};

export const usernameApproved = { display_phone_number: DISPLAY_PHONE_NUMBER, username: 'jaspersmarket', status: 'approved' };
/** Meta leaves the username out when it was deleted. */
export const usernameDeleted = { display_phone_number: DISPLAY_PHONE_NUMBER, status: 'deleted' };

export const callingSettingsChanged = {
	messaging_product: 'whatsapp',
	timestamp: '1739321024',
	type: 'PHONE_NUMBER_SETTINGS',
	phone_number_settings: {
		phone_number_id: PHONE_NUMBER_ID,
		calling: { status: 'ENABLED', call_icon_visibility: 'DEFAULT', callback_permission_status: 'ENABLED', sip: { status: 'DISABLED' } },
	},
};

export const NEW_USER_ID = 'US.13491208655302741918';

/** Meta's system message when a customer's BSUID changes, with the phone number Meta shares. */
export const userIdChangedWithWaId = {
	messaging_product: 'whatsapp',
	metadata: BUSINESS_METADATA,
	messages: [
		{
			from: '16505551234',
			id: 'wamid.useridchanged1',
			timestamp: '1739321024',
			type: 'system',
			system: {
				body: `User Kerry Fisher changed from US.11111111111111111111 to ${NEW_USER_ID}`,
				wa_id: '16505559999',
				user_id: NEW_USER_ID,
				type: 'user_changed_user_id',
			},
		},
	],
};

/** The same for a customer whose phone number Meta does not share: no `from`, no `wa_id`. */
export const userIdChangedWithoutWaId = {
	messaging_product: 'whatsapp',
	metadata: BUSINESS_METADATA,
	messages: [
		{
			id: 'wamid.useridchanged2',
			timestamp: '1739321030',
			type: 'system',
			system: { body: `User changed from CO.1234567890 to ${NEW_USER_ID}`, user_id: NEW_USER_ID, previous_user_id: 'CO.1234567890', type: 'user_changed_user_id' },
		},
	],
};

/** Meta's current capability payload: the portfolio's limit, the per-number field gone. */
export const capabilityPerPortfolio = { max_daily_conversations_per_business: 2000, max_phone_numbers_per_waba: 25 };
/** An older payload that still carries the deprecated per-number field beside it. */
export const capabilityWithDeprecatedField = {
	max_daily_conversation_per_phone: 2000,
	max_daily_conversations_per_business: 'TIER_2K',
	max_phone_numbers_per_business: 20,
};
