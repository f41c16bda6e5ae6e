import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/** Graph lists newest onboarded first by default; only the reverse order needs a parameter. */
export async function sendSortOrder(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (this.getNodeParameter('options.sort', 'newest') === 'oldest') {
		requestOptions.qs = { ...requestOptions.qs, sort: JSON.stringify(['last_onboarded_time_ascending']) };
	}
	return requestOptions;
}

/** The documented (beta) `filtering` parameter, narrowed to one account mode. */
export async function sendAccountModeFilter(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const accountMode = String(this.getNodeParameter('options.accountMode', 'LIVE'));
	const filtering = JSON.stringify([{ field: 'account_mode', operator: 'EQUAL', value: accountMode }]);
	requestOptions.qs = { ...requestOptions.qs, filtering };
	return requestOptions;
}
