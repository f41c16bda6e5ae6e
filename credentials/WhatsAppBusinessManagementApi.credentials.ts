import { UserError } from 'n8n-workflow';
import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_ADVICE,
	baseUrlProblem,
	DEFAULT_GRAPH_API_VERSION,
	DEFAULT_GRAPH_BASE_URL,
	graphBaseUrlExpression,
} from '../nodes/shared/graphBaseUrl';

export class WhatsAppBusinessManagementApi implements ICredentialType {
	name = 'whatsAppBusinessManagementApi';

	displayName = 'WhatsApp Business Management API';

	icon: Icon = { light: 'file:whatsAppPhoneNumbers.svg', dark: 'file:whatsAppPhoneNumbers.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-whatsapp-phone-numbers/n8n-nodes-whatsapp-phone-numbers#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A system-user access token with the whatsapp_business_management permission (and business_management for pre-verified numbers and WABA lists). Create it in Meta Business Settings → System users.',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			required: true,
			default: DEFAULT_GRAPH_API_VERSION,
			placeholder: DEFAULT_GRAPH_API_VERSION,
			description:
				'The Graph API version to call, such as v24.0. Each version lives at least two years; change it when Meta retires this one.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: DEFAULT_GRAPH_BASE_URL,
			description:
				'Where the Graph API answers, an https:// address. Keep the default unless you go through a proxy; http:// is accepted only for localhost and 127.0.0.1 (a local sandbox).',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'ID of your Meta app (App settings → Basic). The trigger needs it to subscribe the app to WhatsApp Business Account events, and WhatsApp Business Profile to upload a profile photo.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Secret of the same Meta app (App settings → Basic). The trigger uses it to check that each webhook really comes from Meta, and to manage the app subscription.',
		},
		{
			displayName: 'Webhook Verify Token',
			name: 'webhookVerifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A secret string of your choice. Meta sends it back when it checks the webhook URL; the trigger answers only when it matches.',
		},
	];

	// A function, not a `={{…}}` expression: n8n evaluates an expression for every request,
	// and each evaluation rebuilds its data proxy; this adds the header without one. The token
	// goes only to an https:// Base URL (or http:// on loopback), the credential test included.
	authenticate: IAuthenticate = async (credentials, requestOptions) => {
		const problem = baseUrlProblem(String(requestOptions.baseURL ?? requestOptions.url ?? ''));
		if (problem) throw new UserError(`The token was not sent: ${problem}. ${BASE_URL_ADVICE}`);
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken)}` },
		};
	};

	// `/me` answers for any valid token. n8n shows only the HTTP status text for a failed
	// test request, so Graph's error body is read instead and each known code gets Meta's
	// own wording (rules are checked in order; the OAuthException one catches any other token
	// error, the last one an answer that is not Graph's).
	test: ICredentialTestRequest = {
		request: {
			baseURL: graphBaseUrlExpression,
			url: '/me',
			qs: { fields: 'id,name' },
			ignoreHttpStatusErrors: true,
			// n8n would send the token along to whatever host a redirect names.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.error_subcode',
					value: 463,
					message:
						'Meta: "Error validating access token: Session has expired" (Graph error 190, subcode 463). Create a new system-user token and paste it here.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.error_subcode',
					value: 460,
					message:
						'Meta: "The session has been invalidated because the user changed their password" (Graph error 190, subcode 460). Create a new token.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 190,
					message:
						'Meta: "Invalid OAuth access token" (Graph error 190). Check that the whole system-user token was pasted, or create a new one.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 10,
					message:
						'Meta: "Application does not have permission for this action" (Graph error 10). Grant whatsapp_business_management to the system user.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 4,
					message: 'Meta: "Application request limit reached" (Graph error 4). Wait a few minutes and test again.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.type',
					value: 'OAuthException',
					message: 'Meta rejected the token (OAuthException). Check the token, the Graph API version and the base URL.',
				},
			},
			{
				// Last: Graph answers /me with the token's ID; anything else (a 404 page, a login page,
				// an empty body) is not the Graph API, whatever its HTTP status.
				type: 'responseSuccessBody',
				properties: {
					key: 'id',
					value: undefined,
					message:
						"The Base URL did not answer like Meta's Graph API (GET <Base URL>/<version>/me gave no ID). Check the Base URL (https://graph.facebook.com, or your proxy's address) and the Graph API version (such as v24.0).",
				},
			},
		],
	};
}
