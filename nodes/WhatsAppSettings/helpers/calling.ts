/**
 * Calling settings of a number (Meta's "Configure call settings" page): the `calling`
 * object of `/<PHONE_NUMBER_ID>/settings`, the fields a user can add to change it, and
 * what Meta's refusals mean.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import type { Advice, GraphError } from '../../shared/graphErrors';
import { parseParameter, type ValidatedParameter } from '../../shared/parameters';

/** Meta: calling needs a business messaging limit of at least 2,000 (a portfolio-wide limit). */
export const CALLING_MINIMUM_LIMIT = 2000;

const onOff = z.enum(['ENABLED', 'DISABLED'], { errorMap: () => ({ message: 'must be ENABLED or DISABLED' }) });
const hhmm = z.string().regex(/^([01]\d|2[0-3])[0-5]\d$/, 'must be a time as HHMM, such as 0900');
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** A JSON object typed in the editor, or one passed by an expression. */
function jsonObject<T extends z.ZodTypeAny>(shape: T) {
	return z
		.union([z.string(), z.record(z.unknown())])
		.transform((value, context) => {
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value) as unknown;
			} catch {
				context.addIssue({ code: z.ZodIssueCode.custom, message: 'is not valid JSON' });
				return z.NEVER;
			}
		})
		.pipe(shape);
}

/** Meta's `call_hours`: it replaces the stored hours whole, so it is checked whole. */
const callHours = jsonObject(
	z
		.object({
			status: onOff,
			timezone_id: z.string().min(1, 'timezone_id must be a time zone such as Europe/Berlin').optional(),
			weekly_operating_hours: z
				.array(z.object({ day_of_week: z.enum(DAYS), open_time: hhmm, close_time: hhmm }).passthrough())
				.optional(),
			holiday_schedule: z
				.array(
					z
						.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'), start_time: hhmm, end_time: hhmm })
						.passthrough(),
				)
				.optional(),
		})
		.passthrough()
		.refine((hours) => hours.status !== 'ENABLED' || !!hours.timezone_id, {
			message: 'needs timezone_id when status is ENABLED',
		}),
);

/** Meta's `sip`: a status and, to turn it on, the SIP servers. */
const sipSettings = jsonObject(
	z
		.object({
			status: onOff,
			servers: z
				.array(z.object({ hostname: z.string().min(1), port: z.number().int().min(1).max(65535).optional() }).passthrough())
				.optional(),
		})
		.passthrough(),
);

/** ISO 3166 country codes, such as US, BR. */
const countryList = z
	.union([z.array(z.string()), z.string()])
	.transform((value) => (Array.isArray(value) ? value : value.split(',')).map((code) => code.trim().toUpperCase()).filter(Boolean))
	.refine((codes) => codes.length > 0, 'is empty: give at least one country code, such as US')
	.refine((codes) => codes.every((code) => /^[A-Z]{2}$/.test(code)), 'must be two-letter country codes separated by commas, such as US, BR');

const callHoursProperty: INodeProperties = {
	displayName: 'Call Hours (JSON)',
	name: 'callHours',
	type: 'json',
	default: '{\n  "status": "ENABLED",\n  "timezone_id": "Europe/Berlin",\n  "weekly_operating_hours": [\n    { "day_of_week": "MONDAY", "open_time": "0900", "close_time": "1700" }\n  ],\n  "holiday_schedule": []\n}',
	description:
		"When calls are taken: status, timezone_id, weekly_operating_hours (day_of_week, open_time and close_time as HHMM) and holiday_schedule (date YYYY-MM-DD, start_time, end_time). Meta replaces the stored hours with these, holidays included.",
};

const sipProperty: INodeProperties = {
	displayName: 'SIP (JSON)',
	name: 'sip',
	type: 'json',
	default: '{\n  "status": "ENABLED",\n  "servers": [{ "hostname": "sip.example.com", "port": 5061 }]\n}',
	description: 'Route calls to your SIP servers instead of Graph API calls and webhooks: status and servers (hostname, port, request_uri_user_params)',
};

const countriesProperty: INodeProperties = {
	displayName: 'Show Call Icon Only in Countries',
	name: 'callIconCountries',
	type: 'string',
	default: '',
	placeholder: 'e.g. US, BR',
	description: 'Two-letter country codes, separated by commas: the call button shows only to customers in these countries',
};

/** Each field's check, with the label the editor shows, for errors before sending. */
const CHECKS: Record<string, ValidatedParameter<unknown>> = {
	callHours: { parameter: 'callingSettings.callHours', label: callHoursProperty.displayName, schema: callHours },
	sip: { parameter: 'callingSettings.sip', label: sipProperty.displayName, schema: sipSettings },
	callIconCountries: { parameter: 'callingSettings.callIconCountries', label: countriesProperty.displayName, schema: countryList },
};

/** The fields a user adds to Update Calling Settings; only those are sent. */
export const callingSettingsProperty: INodeProperties = {
	displayName: 'Settings to Change',
	name: 'callingSettings',
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description: 'Only the settings added here are sent; Meta keeps the others as they are',
	options: [
		{
			displayName: 'Calling',
			name: 'status',
			type: 'options',
			default: 'ENABLED',
			options: [
				{ name: 'Enabled', value: 'ENABLED' },
				{ name: 'Disabled', value: 'DISABLED' },
			],
			description: `Whether customers can call this number and it can call them. Needs a business messaging limit of at least ${CALLING_MINIMUM_LIMIT.toLocaleString('en-US')}.`,
		},
		{
			displayName: 'Call Icon Visibility',
			name: 'callIconVisibility',
			type: 'options',
			default: 'DEFAULT',
			options: [
				{ name: 'Default (Shown)', value: 'DEFAULT' },
				{ name: 'Hidden Everywhere', value: 'DISABLE_ALL' },
			],
			description: 'Whether the call button shows in the chat and the business profile. Hidden: customers can still call back from call messages.',
		},
		countriesProperty,
		{
			displayName: 'Callback Permission Request',
			name: 'callbackPermissionStatus',
			type: 'options',
			default: 'ENABLED',
			options: [
				{ name: 'Enabled', value: 'ENABLED' },
				{ name: 'Disabled', value: 'DISABLED' },
			],
			description: 'Whether a customer who calls the business is asked to allow calls back',
		},
		callHoursProperty,
		sipProperty,
	],
};

/** The `calling` object to send: the added fields only, each checked; none added is refused. */
export function callingChanges(context: IExecuteSingleFunctions): IDataObject {
	const added = context.getNodeParameter('callingSettings', {}) as IDataObject;
	const node = context.getNode();
	const check = (name: string) => parseParameter(node, CHECKS[name], added[name]) as IDataObject;
	const calling: IDataObject = {};
	if (added.status !== undefined) calling.status = added.status;
	if (added.callIconVisibility !== undefined) calling.call_icon_visibility = added.callIconVisibility;
	if (added.callIconCountries !== undefined) calling.call_icons = { restrict_to_user_countries: check('callIconCountries') };
	if (added.callbackPermissionStatus !== undefined) calling.callback_permission_status = added.callbackPermissionStatus;
	if (added.callHours !== undefined) calling.call_hours = check('callHours');
	if (added.sip !== undefined) calling.sip = check('sip');
	if (Object.keys(calling).length === 0) {
		throw new NodeOperationError(node, 'Settings to Change is empty', {
			description: 'Add at least one setting under "Settings to Change" (Calling, Call Icon Visibility, Call Hours…); only the added ones are sent.',
		});
	}
	return calling;
}

/**
 * The `calling` object of a settings answer, and whether calling is on. SIP passwords are
 * returned only when asked for with `include_sip_credentials`, which the node never does.
 */
export function callingOf(settings: IDataObject): IDataObject {
	const calling = (settings.calling ?? {}) as IDataObject;
	return { calling, callingEnabled: calling.status === 'ENABLED' };
}

/** Shown on both calling operations. */
export const callingNotice: INodeProperties = {
	displayName: `Calling needs a business messaging limit of at least ${CALLING_MINIMUM_LIMIT.toLocaleString('en-US')} (the portfolio's limit, shared by all its numbers: Phone Numbers › Get shows it as whatsapp_business_manager_messaging_limit). Customers' apps may take up to 7 days to show a change. Meta announces changes with the account_settings_update webhook.`,
	name: 'callingNotice',
	type: 'notice',
	default: '',
};

/**
 * Meta's calling refusals. 138015 is the code partners report for a limit below 2,000; a
 * number Meta does not let call (country, account type) comes as another code or as error
 * 100 naming eligibility, so both are read.
 */
export function callingAdvice(graphError: GraphError): Advice | undefined {
	// 138015 has its own entry in the general table.
	if (graphError.code === 138015) return undefined;
	const text = `${graphError.message ?? ''} ${graphError.error_user_msg ?? ''} ${graphError.error_data?.details ?? ''}`;
	if (!/eligib/i.test(text)) return undefined;
	return {
		message: 'This phone number is not eligible for calling',
		action: `Check that the business messaging limit is at least ${CALLING_MINIMUM_LIMIT.toLocaleString('en-US')} (Phone Numbers › Get, field whatsapp_business_manager_messaging_limit), that the number is registered on Cloud API, and that calling is offered in its country; then run again.`,
	};
}
