import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v24.0';

/**
 * `<Base URL>/<version>` from the credential (a proxy or the local sandbox works too).
 * The credential test needs the same URL as an expression, which n8n evaluates itself:
 * keep the two together.
 */
export function graphBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const baseUrl = String(credentials.baseUrl || DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
	return `${baseUrl}/${String(credentials.graphApiVersion || DEFAULT_GRAPH_API_VERSION)}`;
}

export const graphBaseUrlExpression = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}';
