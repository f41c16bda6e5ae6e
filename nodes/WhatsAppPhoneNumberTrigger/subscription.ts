import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isGraphId } from '../shared/graphIds';
import { CREDENTIAL_TYPE, graphApiRequest } from '../shared/transport';
import { parseParameter } from '../shared/parameters';
import { graphObjectId } from '../shared/schemas';
import { defaultOf } from './description';
import { WHATSAPP_BUSINESS_ACCOUNT } from './events';
import { createOverrides, deleteOverrides, overridesExist, type OverrideContext } from './overrides';
import { assertCanReceive, readTriggerSettings, subscribedFields, type TriggerSettings } from './settings';

/** An entry of `GET /<APP_ID>/subscriptions`. */
interface AppSubscription {
	object?: string;
	callback_url?: string;
	active?: boolean;
	fields?: Array<{ name?: string } | string>;
}

interface SubscriptionContext {
	appId: string;
	verifyToken: string;
	callbackUrl: string;
	settings: TriggerSettings;
}

async function subscriptionContext(this: IHookFunctions): Promise<SubscriptionContext> {
	const settings = readTriggerSettings(this);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	assertCanReceive(this.getNode(), credentials, settings);
	// Override mode reads the App ID only to find its entry among a WABA's apps; assertCanReceive checked it.
	const appId =
		settings.manageSubscription && settings.subscriptionScope === 'app'
			? parseParameter(
					this.getNode(),
					{
						parameter: 'appId',
						label: 'App ID',
						schema: graphObjectId,
						hint: 'Copy the App ID from App Dashboard → App settings → Basic into the credential.',
					},
					credentials.appId,
				)
			: String(credentials.appId ?? '');
	return {
		appId,
		verifyToken: String(credentials.webhookVerifyToken),
		callbackUrl: this.getNodeWebhookUrl('default') as string,
		settings,
	};
}

/** The override mode's view of the context, or undefined in the whole-app mode. */
function overrideMode({ appId, verifyToken, callbackUrl, settings }: SubscriptionContext): OverrideContext | undefined {
	if (settings.subscriptionScope !== 'override') return undefined;
	return { appId, verifyToken, callbackUrl, targets: settings.overrideTargets };
}

/** The app's WhatsApp Business Account subscription, if it has one (one per app and object). */
async function readAppSubscription(this: IHookFunctions, appId: string): Promise<AppSubscription | undefined> {
	const response = (await graphApiRequest.call(this, 'GET', `/${appId}/subscriptions`, { as: 'app' })) as {
		data?: AppSubscription[];
	};
	return (response?.data ?? []).find((subscription) => subscription.object === WHATSAPP_BUSINESS_ACCOUNT);
}

function fieldNames(subscription: AppSubscription): string[] {
	return (subscription.fields ?? []).map((field) => (typeof field === 'string' ? field : String(field.name ?? '')));
}

/** Stops before anything is written when the app already sends its webhooks elsewhere. */
function assertOwnedOrFree(this: IHookFunctions, existing: AppSubscription | undefined, { appId, callbackUrl }: SubscriptionContext) {
	if (!existing?.callback_url || existing.callback_url === callbackUrl) return;
	throw new NodeOperationError(
		this.getNode(),
		`The Meta app ${appId} already sends WhatsApp Business Account webhooks to ${existing.callback_url}`,
		{
			description:
				'This trigger never replaces another callback URL, because whatever receives the webhooks there would silently stop getting them. Deactivate the workflow that owns that URL or remove its subscription in the Meta App Dashboard (WhatsApp → Configuration), use another Meta app, or turn off "Manage Subscription Automatically" and route the events yourself.',
		},
	);
}

function isCurrent(existing: AppSubscription | undefined, { callbackUrl, settings }: SubscriptionContext): boolean {
	if (!existing || existing.callback_url !== callbackUrl || existing.active === false) return false;
	const subscribed = fieldNames(existing);
	return subscribedFields(settings).every((field) => subscribed.includes(field));
}

/**
 * Activation check. Refuses a trigger that cannot verify deliveries. With automatic
 * management, reports "exists" only when the app already points to this URL with every
 * needed field and there are no WABAs to link (linking is repeated on each activation,
 * so a link removed in Meta's dashboard comes back).
 */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const context = await subscriptionContext.call(this);
	if (!context.settings.manageSubscription) return true;
	const overrides = overrideMode(context);
	if (overrides) return await overridesExist.call(this, overrides);
	const existing = await readAppSubscription.call(this, context.appId);
	assertOwnedOrFree.call(this, existing, context);
	return isCurrent(existing, context) && context.settings.filters.wabaIds.length === 0;
}

/** Subscribes the app to this URL (unless it already is) and links the app to each WABA. */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const context = await subscriptionContext.call(this);
	if (!context.settings.manageSubscription) return true;
	const overrides = overrideMode(context);
	if (overrides) {
		await createOverrides.call(this, overrides);
		return true;
	}
	// Read again right before writing: another workflow may have subscribed meanwhile.
	const existing = await readAppSubscription.call(this, context.appId);
	assertOwnedOrFree.call(this, existing, context);
	if (!isCurrent(existing, context)) {
		const body: IDataObject = {
			object: WHATSAPP_BUSINESS_ACCOUNT,
			callback_url: context.callbackUrl,
			verify_token: context.verifyToken,
			fields: subscribedFields(context.settings).join(','),
			include_values: 'true',
		};
		await graphApiRequest.call(this, 'POST', `/${context.appId}/subscriptions`, { as: 'app', form: true, body });
	}
	for (const wabaId of context.settings.filters.wabaIds) {
		await graphApiRequest.call(this, 'POST', `/${wabaId}/subscribed_apps`);
	}
	return true;
}

/**
 * Removes the app subscription only when it points to this node's URL. WABA links stay:
 * the app may serve other purposes on those WABAs. In override mode, removes only the
 * overrides that point to this URL.
 */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	if (!(this.getNodeParameter('manageSubscription', defaultOf<boolean>('manageSubscription')) as boolean)) return true;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	if (this.getNodeParameter('subscriptionScope', 'app') === 'override') {
		let settings: TriggerSettings;
		try {
			settings = readTriggerSettings(this);
		} catch {
			// Settings that do not read could not have set an override either.
			return true;
		}
		const overrides = overrideMode({
			appId: String(credentials.appId ?? ''),
			verifyToken: String(credentials.webhookVerifyToken ?? ''),
			callbackUrl: this.getNodeWebhookUrl('default') as string,
			settings,
		});
		if (overrides) await deleteOverrides.call(this, overrides);
		return true;
	}
	const appId = String(credentials.appId ?? '');
	if (!isGraphId('graphObject', appId) || !credentials.appSecret) return true;
	const existing = await readAppSubscription.call(this, appId);
	if (existing?.callback_url !== this.getNodeWebhookUrl('default')) return true;
	await graphApiRequest.call(this, 'DELETE', `/${appId}/subscriptions`, {
		as: 'app',
		qs: { object: WHATSAPP_BUSINESS_ACCOUNT },
	});
	return true;
}
