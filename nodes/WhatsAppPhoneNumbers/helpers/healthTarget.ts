/**
 * Get Health Status reads a phone number or a WABA: one switch picks the locator shown. Meta's
 * health-status page documents `health_status` on phone numbers, WABAs and templates only; a
 * business portfolio's health comes as the BUSINESS entity of every number's and WABA's answer.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	phoneNumberIdParameter,
	phoneNumberIdLocator,
	wabaForPhoneNumberList,
	wabaIdParameter,
	wabaIdLocator,
} from '../../shared/descriptions';
import type { healthSubject } from '../../shared/healthStatus';
import type { ValidatedParameter } from '../../shared/parameters';

export type HealthTarget = 'phoneNumber' | 'waba';

interface TargetSpec {
	idParameter: ValidatedParameter<string>;
	/** The output's name for the ID, as every other output names it. */
	idName: string;
	/** Read with `health_status` so the summary can name the object as people know it. */
	nameParameter: string;
	kind: Parameters<typeof healthSubject>[0];
}

/**
 * The phone number checked goes by its own parameter name: n8n's RoutingNode evaluates every
 * property of a name for each item, whichever operation shows it, so a second `phoneNumberId`
 * would evaluate an expression in it twice more per item in every phone-number operation.
 */
const HEALTH_PHONE_NUMBER_ID = 'healthPhoneNumberId';
const healthPhoneNumberIdLocator: INodeProperties = { ...phoneNumberIdLocator, name: HEALTH_PHONE_NUMBER_ID };
const healthPhoneNumberIdParameter: ValidatedParameter<string> = { ...phoneNumberIdParameter, parameter: HEALTH_PHONE_NUMBER_ID };
const wabaForHealthPhoneNumberList: INodeProperties = {
	...wabaForPhoneNumberList,
	displayOptions: { show: { [`/${HEALTH_PHONE_NUMBER_ID}.mode`]: ['list'] } },
};

const TARGETS: Record<HealthTarget, TargetSpec> = {
	phoneNumber: { idParameter: healthPhoneNumberIdParameter, idName: 'phoneNumberId', nameParameter: 'display_phone_number', kind: 'Phone number' },
	waba: { idParameter: wabaIdParameter, idName: 'wabaId', nameParameter: 'name', kind: 'WABA' },
};

const HEALTH_OF = 'healthOf';

const healthOfProperty: INodeProperties = {
	displayName: 'Health Of',
	name: HEALTH_OF,
	type: 'options',
	noDataExpression: true,
	default: 'phoneNumber',
	description:
		"What to check. A phone number also reports its WABA, business portfolio and app; a WABA its business portfolio and app (the business portfolio's own health is the BUSINESS entity there).",
	options: [
		{ name: 'Phone Number', value: 'phoneNumber', description: 'A business phone number, by its phone-number ID' },
		{ name: 'WhatsApp Business Account', value: 'waba', description: 'A WABA and everything it sends with, its business portfolio included' },
	],
};

/**
 * Copies of the locators every other operation shows, each shown only for its object. A
 * hide rule on the shared locators instead would also hide them on other operations when
 * a stale "Health Of" value is left in the node's parameters.
 */
export const healthTargetProperties: INodeProperties[] = [
	healthOfProperty,
	...updateDisplayOptions({ show: { [HEALTH_OF]: ['phoneNumber'] } }, [wabaForHealthPhoneNumberList, healthPhoneNumberIdLocator]),
	...updateDisplayOptions({ show: { [HEALTH_OF]: ['waba'] } }, [wabaIdLocator]),
];

export function chosenHealthTarget(context: IExecuteSingleFunctions): TargetSpec {
	return TARGETS[context.getNodeParameter(HEALTH_OF, 'phoneNumber') as HealthTarget] ?? TARGETS.phoneNumber;
}

/** `preSend`: asks for `health_status` and the object's name, nothing else. */
export async function askForHealth(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = `health_status,${chosenHealthTarget(this).nameParameter}`;
	return { ...requestOptions, qs: { ...requestOptions.qs, fields } };
}
