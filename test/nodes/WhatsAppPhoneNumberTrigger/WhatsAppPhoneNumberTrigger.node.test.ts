import { existsSync } from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, PACKAGE_ROOT } from '../../harness/engine';

async function triggerDescription(): Promise<INodeTypeDescription> {
	return (await loadPackage()).getNode('whatsAppPhoneNumberTrigger').type.description as INodeTypeDescription;
}

describe('WhatsApp Phone Number Trigger: description as n8n loads it', () => {
	it('is a trigger with GET (verification) and POST (deliveries) on the same path, answered on receipt', async () => {
		const description = await triggerDescription();
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([{ name: 'whatsAppBusinessManagementApi', required: true }]);
		expect(description.webhooks).toEqual([
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'webhook' },
		]);
	});

	it('has its codex (categories, aliases, Meta webhook docs) and both icons', async () => {
		const loader = await loadPackage();
		const loaded = loader.types.nodes.find((node) => node.name === 'whatsAppPhoneNumberTrigger') as unknown as {
			codex: unknown;
			iconUrl: { light: string; dark: string };
		};
		expect(loaded.codex).toEqual({
			categories: ['Communication', 'Development'],
			alias: ['webhook', 'quality', 'identity', 'WABA', 'alert'],
			resources: {
				credentialDocumentation: [{ url: 'https://github.com/n8n-nodes-whatsapp-phone-numbers/n8n-nodes-whatsapp-phone-numbers#credentials' }],
				primaryDocumentation: [
					{ url: 'https://github.com/n8n-nodes-whatsapp-phone-numbers/n8n-nodes-whatsapp-phone-numbers/blob/main/docs/nodes/phone-number-trigger.md' },
					{ url: 'https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components' },
				],
			},
		});
		for (const icon of Object.values(loaded.iconUrl)) {
			const file = icon.replace('icons/n8n-nodes-whatsapp-phone-numbers/', '');
			expect(existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
		}
	});

	it('says why skipping signature verification is unsafe, and shows the manual setup when management is off', async () => {
		const description = await triggerDescription();
		const options = description.properties.find((property) => property.name === 'options')?.options as Array<{
			name: string;
			description?: string;
			default?: unknown;
		}>;
		const skip = options.find((option) => option.name === 'skipSignatureVerification');
		expect(skip?.default).toBe(false);
		expect(skip?.description).toMatch(/Unsafe: anyone who learns the webhook URL can then start the workflow with forged events/);
		const notice = description.properties.find((property) => property.name === 'subscriptionNotice');
		expect(notice).toMatchObject({ type: 'notice', displayOptions: { show: { manageSubscription: [false] } } });
		expect(notice?.displayName).toMatch(/Callback URL.*Webhook Verify Token/);
	});

	it('offers the override mode and says which fields follow an override and which stay on the app', async () => {
		const description = await triggerDescription();
		const scope = description.properties.find((property) => property.name === 'subscriptionScope');
		expect(scope).toMatchObject({ type: 'options', default: 'app', displayOptions: { show: { manageSubscription: [true] } } });
		expect(scope?.options?.map((option) => (option as { value: string }).value)).toEqual(['app', 'override']);
		const notice = description.properties.find((property) => property.name === 'overrideNotice');
		expect(notice?.displayOptions?.show).toEqual({ manageSubscription: [true], subscriptionScope: ['override'] });
		expect(notice?.displayName).toMatch(/Only messaging fields follow an override \(messages, message_echoes, calls/);
		expect(notice?.displayName).toMatch(/receives the identity events \(Customer User ID Changed included\) and Account Settings Update only/);
		expect(notice?.displayName).toMatch(
			/never follow an override and keep going to the app's callback URL: the template events \(message_template_status_update, message_template_quality_update, template_category_update\), business_username_updates, account_update \(partner events included\), account_alerts, account_review_update, phone_number_quality_update, phone_number_name_update, business_capability_update and security/,
		);
	});

	it('has one version, and offers account_alerts and account_review_update, picked by default', async () => {
		const description = await triggerDescription();
		expect(description.version).toBe(2);
		const statusEvents = description.properties.filter((property) => property.name === 'statusEvents');
		expect(statusEvents.map((property) => (property.default as string[]).includes('account_alerts'))).toEqual([true]);
		expect(statusEvents[0].options?.map((option) => (option as { value: string }).value)).toEqual(
			expect.arrayContaining(['account_alerts', 'account_review_update']),
		);
	});
});
