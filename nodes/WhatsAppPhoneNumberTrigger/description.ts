import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { phoneNumberIdLocator, wabaIdLocator } from '../shared/descriptions';
import { BUSINESS_USERNAME_FIELD, IDENTITY_EVENTS } from './events';

/**
 * The locator without the editor's regex check of a typed ID. n8n runs that check again when
 * every execution starts, in a VM with a 250 ms time limit; a process stalled that long (a
 * worker starting beside a burst) fails the execution before the trigger runs, and a queue-mode
 * execution's event is then lost. The node checks the IDs itself when the trigger is activated.
 */
function withoutRegexCheck(locator: INodeProperties): INodeProperties {
	return {
		...locator,
		modes: locator.modes?.map((mode) => {
			const withoutCheck = { ...mode };
			delete withoutCheck.validation;
			return withoutCheck;
		}),
	};
}

/** The trigger's one version (nothing was released before it). */
export const TRIGGER_VERSION = 2;

const eventGroupOptions: INodePropertyOptions[] = [
	{
		name: 'Capability',
		value: 'capability',
		description: 'Limits of the business changed (numbers per business, conversations per day)',
	},
	{
		name: 'Identity',
		value: 'identity',
		description: 'A customer identity key hash seen or changed, or a send refused for an identity mismatch (from messages webhooks)',
	},
	{
		name: 'Status',
		value: 'status',
		description: 'Quality rating and messaging limit, display name review, business username, settings, account and security events',
	},
	{
		name: 'Templates',
		value: 'template',
		description: "A message template's status, quality or category changed (a paused or disabled template stops sends from every number of the WABA)",
	},
];

const capabilityEventOptions: INodePropertyOptions[] = [
	{
		name: 'Business Capability Update',
		value: 'business_capability_update',
		description: 'New limits, such as max_phone_numbers_per_business rising after business verification',
	},
];

const statusEventOptions: INodePropertyOptions[] = [
	{
		name: 'Account Alerts',
		value: 'account_alerts',
		description:
			'OBA_APPROVED, OBA_REJECTED, PROFILE_PICTURE_LOST, INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED / _FAILED / _NEED_MORE_INFO and others',
	},
	{
		name: 'Account Review Update',
		value: 'account_review_update',
		description: 'The WABA was reviewed against Meta\'s policies: APPROVED, REJECTED, PENDING, DEFERRED',
	},
	{
		name: 'Account Settings Update',
		value: 'account_settings_update',
		description: "A number's settings changed, such as its calling settings (event PHONE_NUMBER_SETTINGS)",
	},
	{
		name: 'Account Update',
		value: 'account_update',
		description:
			'VERIFIED_ACCOUNT, DISABLED_UPDATE, ACCOUNT_VIOLATION, ACCOUNT_RESTRICTION, and partner events (PARTNER_ADDED, PARTNER_REMOVED …) whose WABA ID is the client WABA they are about',
	},
	{
		name: 'Business Username Update',
		value: BUSINESS_USERNAME_FIELD,
		description: "A number's business username was approved, reserved or deleted (event approved, reserved, deleted)",
	},
	{
		name: 'Phone Number Name Update',
		value: 'phone_number_name_update',
		description: 'Display name review decided: APPROVED, REJECTED, DEFERRED, PENDING',
	},
	{
		name: 'Phone Number Quality Update',
		value: 'phone_number_quality_update',
		description: 'ONBOARDING, THROUGHPUT_UPGRADE, FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE of the messaging limit',
	},
	{
		name: 'Security',
		value: 'security',
		description: 'Two-step PIN events: PIN_CHANGED, PIN_RESET_REQUEST, PIN_REQUEST_SUCCESS',
	},
];

const templateEventOptions: INodePropertyOptions[] = [
	{
		name: 'Template Category Update',
		value: 'template_category_update',
		description: 'A template was or will be recategorised (event: the category, such as MARKETING)',
	},
	{
		name: 'Template Quality Update',
		value: 'message_template_quality_update',
		description: "A template's quality score changed (event: the new score, such as RED)",
	},
	{
		name: 'Template Status Update',
		value: 'message_template_status_update',
		description: 'APPROVED, REJECTED, FLAGGED, PAUSED, DISABLED, REINSTATED and others',
	},
];

const identityEventOptions: INodePropertyOptions[] = [
	{
		name: 'Customer User ID Changed',
		value: IDENTITY_EVENTS.userIdChanged,
		description:
			"A customer's business-scoped user ID changed (system message user_changed_user_id, sent when they change phone number); waId is empty when Meta does not share their number",
	},
	{
		name: 'Identity Changed (Legacy System Message)',
		value: IDENTITY_EVENTS.legacyIdentityChanged,
		description: 'A system message of type customer_identity_changed',
	},
	{
		name: 'Identity Key Hash Changed',
		value: IDENTITY_EVENTS.hashChanged,
		description:
			'The hash differs from the last one this workflow saw for the same customer and business number (remembered in the workflow, for the 2,000 most recent customers)',
	},
	{
		name: 'Identity Key Hash Seen',
		value: IDENTITY_EVENTS.hashSeen,
		description: 'A contact or status carried an identity key hash; fires on every message of such a customer',
	},
	{
		name: 'Send Refused for Identity Mismatch',
		value: IDENTITY_EVENTS.sendRefused,
		description: 'A message status failed with error 137000 because the identity key hash no longer matches',
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Manage Subscription Automatically',
		name: 'manageSubscription',
		type: 'boolean',
		default: true,
		description:
			"Whether to point Meta's webhooks at this node's URL when the workflow is activated, and remove what it set when it is deactivated. A subscription or override that points to another URL is never replaced and never removed.",
	},
	{
		displayName: 'Subscribe',
		name: 'subscriptionScope',
		type: 'options',
		default: 'app',
		displayOptions: { show: { manageSubscription: [true] } },
		options: [
			{
				name: 'Whole App',
				value: 'app',
				description:
					"Subscribe the credential's Meta app to this URL (one URL per app), for every event, and link the app to the WABAs below",
			},
			{
				name: 'Per WABA / Per Number Override',
				value: 'override',
				description:
					"Point only the WABAs and numbers below at this URL, so other workflows can use the same app. Only messaging webhooks (the identity events and Account Settings Update) follow an override.",
			},
		],
	},
	{
		displayName:
			"Override mode never changes the app's own callback URL, nor an override that points to another URL (activation stops instead). Only messaging fields follow an override (messages, message_echoes, calls, account_settings_update and the others Meta lists), so this workflow receives the identity events (Customer User ID Changed included) and Account Settings Update only. These never follow an override and keep going to the app's callback URL: the template events (message_template_status_update, message_template_quality_update, template_category_update), business_username_updates, account_update (partner events included), account_alerts, account_review_update, phone_number_quality_update, phone_number_name_update, business_capability_update and security. The app must be subscribed to the messages field (App Dashboard → WhatsApp → Configuration).",
		name: 'overrideNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { manageSubscription: [true], subscriptionScope: ['override'] } },
	},
	{
		displayName:
			'In the Meta App Dashboard, open WhatsApp → Configuration → Webhook. Paste the production URL shown under "Webhook URLs" above as Callback URL and the Webhook Verify Token of your credential as Verify Token, then subscribe the fields of the events you pick (messages for identity events, business_username_updates for Business Username Update). Link the app to each WABA with POST /<WABA_ID>/subscribed_apps.',
		name: 'subscriptionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { manageSubscription: [false] } },
	},
	{
		displayName: 'Event Groups',
		name: 'eventGroups',
		type: 'multiOptions',
		required: true,
		default: ['capability', 'status', 'identity'],
		options: eventGroupOptions,
		description: 'Which kinds of events start the workflow',
	},
	{
		displayName: 'Capability Events',
		name: 'capabilityEvents',
		type: 'multiOptions',
		default: ['business_capability_update'],
		options: capabilityEventOptions,
		displayOptions: { show: { eventGroups: ['capability'] } },
		description: 'Capability events that start the workflow',
	},
	{
		displayName: 'Status Events',
		name: 'statusEvents',
		type: 'multiOptions',
		default: [
			'phone_number_quality_update',
			'phone_number_name_update',
			'account_update',
			'account_alerts',
			'account_review_update',
			BUSINESS_USERNAME_FIELD,
			'account_settings_update',
			'security',
		],
		options: statusEventOptions,
		displayOptions: { show: { eventGroups: ['status'] } },
		description: 'Status events that start the workflow. Event names Meta adds later pass through too.',
	},
	{
		displayName: 'Template Events',
		name: 'templateEvents',
		type: 'multiOptions',
		default: ['message_template_status_update', 'message_template_quality_update', 'template_category_update'],
		options: templateEventOptions,
		displayOptions: { show: { eventGroups: ['template'] } },
		description:
			"Template events that start the workflow. They concern the whole WABA and name no phone number; Meta sends them only to the app's callback URL, never to an override.",
	},
	{
		displayName: 'Identity Events',
		name: 'identityEvents',
		type: 'multiOptions',
		// "Hash seen" fires on every message of a customer whose identity check is on: opt-in.
		default: ['identity_key_hash_changed', 'customer_identity_changed', 'identity_send_refused', IDENTITY_EVENTS.userIdChanged],
		options: identityEventOptions,
		displayOptions: { show: { eventGroups: ['identity'] } },
		description:
			'Identity events that start the workflow. They come from messages webhooks; hashes appear only for numbers with the identity check turned on.',
	},
	{
		displayName: 'WhatsApp Business Accounts',
		name: 'wabas',
		type: 'fixedCollection',
		placeholder: 'Add WABA',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			'With the whole-app subscription: only events of these WABAs start the workflow (none: every WABA the app is linked to), and the app is linked to each. With overrides: the WABAs whose messaging webhooks are pointed at this workflow.',
		options: [
			{
				displayName: 'WABA',
				name: 'waba',
				values: [{ ...withoutRegexCheck(wabaIdLocator), description: 'A WhatsApp Business Account (WABA)' }],
			},
		],
	},
	{
		displayName: 'Phone Numbers to Point Here',
		name: 'overridePhoneNumbers',
		type: 'fixedCollection',
		placeholder: 'Add Phone Number',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions: { show: { manageSubscription: [true], subscriptionScope: ['override'] } },
		description:
			"Business phone numbers whose messaging webhooks are pointed at this workflow, each with its own override. Needed only for numbers whose WABA is not listed above. The app must already be subscribed to each number's WABA.",
		options: [
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				values: [
					{
						...phoneNumberIdLocator,
						description: 'The business phone number, by its phone-number ID. "From List" shows the numbers of every WABA the credential sees.',
						modes: withoutRegexCheck(phoneNumberIdLocator).modes?.map((mode) =>
							mode.name === 'list'
								? { ...mode, typeOptions: { ...mode.typeOptions, searchListMethod: 'searchPhoneNumbersOfAllWabas' } }
								: mode,
						),
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Business Phone Numbers',
				name: 'businessNumbers',
				type: 'string',
				default: '',
				placeholder: '+1 631-555-1234, 106540352242922',
				description:
					'Comma-separated business phone numbers in any formatting, or phone-number IDs. Only events about them start the workflow; events about the whole account (capability, most account updates) name no number and are kept.',
			},
			{
				displayName: 'Event Names',
				name: 'eventNames',
				type: 'string',
				default: '',
				placeholder: 'FLAGGED, DOWNGRADE, identity_key_hash_changed',
				description:
					'Comma-separated event names (the "event" of each output item, not case-sensitive). Only these start the workflow.',
			},
			{
				displayName: 'Include Other Fields',
				name: 'includeOtherFields',
				type: 'boolean',
				default: true,
				description:
					'Whether webhook fields this node does not know (such as ones Meta adds later) start the workflow too, with event group "other", instead of being dropped',
			},
			{
				displayName: 'Skip Signature Verification (Unsafe)',
				name: 'skipSignatureVerification',
				type: 'boolean',
				default: false,
				description:
					"Whether to accept deliveries without checking Meta's X-Hub-Signature-256. Unsafe: anyone who learns the webhook URL can then start the workflow with forged events (a fake FLAGGED alert, a fake identity change). Use only when the credential cannot hold the app secret and the URL is protected another way.",
			},
		],
	},
];

/** The default of a top-level parameter, for reading parameters n8n left unset. */
export function defaultOf<T>(name: string): T {
	return triggerProperties.find((property) => property.name === name)?.default as T;
}
