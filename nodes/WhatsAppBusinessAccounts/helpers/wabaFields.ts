import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chosenFieldNames } from '../../shared/fieldList';
import { healthSummary, healthSubject } from '../../shared/healthStatus';
import { withNamedId } from '../../shared/outputs';

/** Readable fields of a WhatsApp Business Account (Graph API reference, Meta's OpenAPI). */
export const WABA_FIELDS = [
	'id',
	'name',
	'currency',
	'timezone_id',
	'account_review_status',
	'business_verification_status',
	'health_status',
	'message_template_namespace',
	'country',
	'status',
	'ownership_type',
	'owner_business_info',
	'on_behalf_of_business_info',
	'primary_funding_id',
	'purchase_order_number',
	'is_enabled_for_insights',
	'marketing_messages_lite_api_status',
] as const;

/** What an operations team checks first; health_status costs nothing extra on the same call. */
export const DEFAULT_WABA_FIELDS = [
	'id',
	'name',
	'currency',
	'timezone_id',
	'account_review_status',
	'business_verification_status',
	'health_status',
];

/** The Fields and Additional Field Names options of Get and Get Many. */
export const wabaFieldOptions: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		default: [],
		description: `Fields to return for each WhatsApp Business Account. Leave empty for the usual set: ${DEFAULT_WABA_FIELDS.join(', ')}.`,
		options: WABA_FIELDS.map((field) => ({ name: field, value: field })),
	},
	{
		displayName: 'Additional Field Names',
		name: 'additionalFieldNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. owner_business_info{id,name}',
		description:
			'More Graph field names, separated by commas, sent as typed. They are added to the fields above (or to the usual set).',
	},
];

/** The `fields` value: the chosen fields (or the usual set) plus the typed ones, once each. */
export function wabaFieldList(context: Pick<IExecuteSingleFunctions, 'getNodeParameter'>): string {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const chosen = chosenFieldNames(options.fields as string[] | undefined, options.additionalFieldNames as string | undefined, DEFAULT_WABA_FIELDS);
	return [...new Set(chosen)].join(',');
}

/** `preSend`: asks Graph for the fields the user chose. */
export async function sendWabaFields(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, qs: { ...requestOptions.qs, fields: wabaFieldList(this) } };
}

/** A WABA as Graph returned it, `id` also as `wabaId`, with a one-line health summary when health was read. */
export function describeWaba(waba: IDataObject, extra: IDataObject = {}): IDataObject {
	const described: IDataObject = { ...withNamedId(waba, 'wabaId'), ...extra };
	if (waba.health_status !== undefined) described.healthSummary = healthSummary(waba.health_status, healthSubject('WABA', waba));
	return described;
}

export async function outputWabas(items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.map((item) => ({ ...item, json: describeWaba(item.json) }));
}
