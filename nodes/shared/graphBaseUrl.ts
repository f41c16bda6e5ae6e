import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v24.0';

/** localhost, 127.0.0.0/8 and ::1: the machine n8n runs on, such as the local sandbox. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * Why a Base URL may not carry the credential's tokens, or undefined when it may: https, or
 * plain http only to a loopback address (the local sandbox), where nothing leaves the machine.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `the Base URL "${baseUrl}" is not a full address, such as ${DEFAULT_GRAPH_BASE_URL}`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
	if (url.protocol === 'http:') {
		return `the Base URL "${url.origin}" uses http://, which would send the access token, the app secret and every verify token unencrypted`;
	}
	return `the Base URL "${baseUrl}" is not an https:// address`;
}

export const BASE_URL_ADVICE = `Use ${DEFAULT_GRAPH_BASE_URL} (or your proxy's https:// address) as the credential's Base URL. Plain http:// is accepted only for localhost and 127.0.0.1, such as a local sandbox.`;

/** The Base URL as the credential holds it, without its trailing slashes. */
export function credentialBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
}

/**
 * `<Base URL>/<version>` from the credential (a proxy or the local sandbox works too), refused
 * before any request when the Base URL would carry the tokens in clear text.
 * The credential test needs the same URL as an expression, which n8n evaluates itself:
 * keep the two together (the credential's `authenticate` applies the same rule to it).
 */
export function graphBaseUrl(credentials: ICredentialDataDecryptedObject, node: INode): string {
	const baseUrl = credentialBaseUrl(credentials);
	const problem = baseUrlProblem(baseUrl);
	if (problem) throw new NodeOperationError(node, `The credential cannot be used: ${problem}`, { description: BASE_URL_ADVICE });
	return `${baseUrl}/${String(credentials.graphApiVersion || DEFAULT_GRAPH_API_VERSION)}`;
}

export const graphBaseUrlExpression = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}';
