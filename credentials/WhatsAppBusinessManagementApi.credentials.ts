import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			default: 'v24.0',
			placeholder: 'v24.0',
			description:
				'The Graph API version to call, such as v24.0. Each version lives at least two years; change it when Meta retires this one.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://graph.facebook.com',
			description:
				'Where the Graph API answers. Keep the default unless you go through a proxy or a local sandbox.',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'ID of the Meta app that receives webhooks. Only the trigger needs it, to subscribe the app to WhatsApp Business Account events.',
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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// `/me` answers for any valid token; on failure n8n shows Meta's own error message.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{$credentials.graphApiVersion}}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}
