/**
 * Override mode: points chosen WABAs and phone numbers at this node's URL with Meta's
 * callback overrides, never the app's own subscription, never an override that points
 * elsewhere (a number's own, or its WABA's, which a number override would silently beat),
 * and on deactivation removes only the overrides that point here.
 */
import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	appNotSubscribedAdvice,
	appOnWaba,
	PHONE_NUMBER_WITHOUT_OVERRIDE,
	phoneNumberOverrideBody,
	WABA_WITHOUT_OVERRIDE,
	wabaOverrideBody,
	webhookRouting,
} from '../shared/callbackOverride';
import { listBusinessWabas } from '../shared/businessWabas';
import { defaultSession, graphApiRequest, graphClient } from '../shared/transport';
import type { OverrideTargets } from './settings';

interface OverrideTarget {
	kind: 'waba' | 'phoneNumber';
	id: string;
}

/** Where a target's messaging webhooks go now: its own override, or null; for a number, its WABA's too. */
interface TargetState extends OverrideTarget {
	overrideCallbackUri: string | null;
	wabaOverrideCallbackUri?: string | null;
}

export interface OverrideContext {
	appId: string;
	verifyToken: string;
	callbackUrl: string;
	targets: OverrideTargets;
}

function targetsOf({ wabaIds, phoneNumberIds }: OverrideTargets): OverrideTarget[] {
	return [
		...wabaIds.map((id) => ({ kind: 'waba' as const, id })),
		...phoneNumberIds.map((id) => ({ kind: 'phoneNumber' as const, id })),
	];
}

/** A WABA's override is the app's entry in `GET /<WABA_ID>/subscribed_apps`; a number's, its `webhook_configuration`. */
async function readOverride(this: IHookFunctions, target: OverrideTarget, appId: string): Promise<TargetState> {
	if (target.kind === 'waba') {
		const answer = await graphApiRequest.call(this, 'GET', `/${target.id}/subscribed_apps`, { expected: 'page' });
		return { ...target, overrideCallbackUri: appOnWaba(answer, appId).overrideCallbackUri };
	}
	const answer = await graphApiRequest.call(this, 'GET', `/${target.id}`, { qs: { fields: 'webhook_configuration' } });
	const routing = webhookRouting(answer);
	return { ...target, overrideCallbackUri: routing.overrideCallbackUri, wabaOverrideCallbackUri: routing.wabaOverrideCallbackUri };
}

/**
 * The WABA a phone number belongs to, to name it in an error: Graph's number has no field for
 * it, so the WABAs the token sees are searched (only when a conflict is reported). Undefined
 * when it cannot be found.
 */
async function wabaOf(this: IHookFunctions, phoneNumberId: string): Promise<string | undefined> {
	try {
		const graph = graphClient(this, await defaultSession(this));
		for (const business of await graph.list('/me/businesses', { fields: 'id' })) {
			for (const waba of await listBusinessWabas(graph, String(business.id), 'both', 'id')) {
				const numbers = await graph.list(`/${waba.id}/phone_numbers`, { fields: 'id' });
				if (numbers.some((number) => String(number.id) === phoneNumberId)) return waba.id;
			}
		}
	} catch {
		// The conflict is reported either way; only the WABA's ID is left out.
	}
	return undefined;
}

/** A number whose WABA override points elsewhere: a number override here would take its messaging webhooks from there. */
async function wabaConflict(this: IHookFunctions, state: TargetState): Promise<NodeOperationError> {
	const wabaId = await wabaOf.call(this, state.id);
	const waba = wabaId ? `WhatsApp Business Account ${wabaId}` : 'The WhatsApp Business Account';
	return new NodeOperationError(
		this.getNode(),
		`${waba} of phone number ${state.id} already sends its messaging webhooks to ${String(state.wabaOverrideCallbackUri)}`,
		{
			description: `A number override here would win over that WABA override, so whatever receives the number's webhooks there would silently stop getting them. Deactivate the workflow that owns that URL or clear the WABA's override (WhatsApp Business Accounts › Subscribe App without an override URL), or point the whole WABA here instead of the number, or remove ${state.id} from this trigger. Nothing was changed.`,
		},
	);
}

const TARGET_NAMES = { waba: 'WhatsApp Business Account', phoneNumber: 'phone number' } as const;

const HOW_TO_FREE = {
	waba: 'clear its override (WhatsApp Business Accounts › Subscribe App without an override URL)',
	phoneNumber: 'clear its override (WhatsApp Phone Numbers › Clear Callback Override)',
} as const;

/** Reads every target and stops, before anything is written, at one that points elsewhere. */
async function readOverrides(this: IHookFunctions, context: OverrideContext): Promise<TargetState[]> {
	const states: TargetState[] = [];
	for (const target of targetsOf(context.targets)) {
		const state = await readOverride.call(this, target, context.appId);
		if (state.overrideCallbackUri && state.overrideCallbackUri !== context.callbackUrl) {
			throw new NodeOperationError(
				this.getNode(),
				`The ${TARGET_NAMES[target.kind]} ${target.id} already sends its messaging webhooks to ${state.overrideCallbackUri}`,
				{
					description: `This trigger never replaces another override, because whatever receives the webhooks there would silently stop getting them. Deactivate the workflow that owns that URL or ${HOW_TO_FREE[target.kind]}, or remove ${target.id} from this trigger.`,
				},
			);
		}
		// Only while the number does not point here yet: once it does, its WABA's override no longer applies to it.
		const wabaElsewhere = state.wabaOverrideCallbackUri && state.wabaOverrideCallbackUri !== context.callbackUrl;
		if (target.kind === 'phoneNumber' && state.overrideCallbackUri !== context.callbackUrl && wabaElsewhere) {
			throw await wabaConflict.call(this, state);
		}
		states.push(state);
	}
	return states;
}

/** Activation check: every target already points here. */
export async function overridesExist(this: IHookFunctions, context: OverrideContext): Promise<boolean> {
	const states = await readOverrides.call(this, context);
	return states.every((state) => state.overrideCallbackUri === context.callbackUrl);
}

/** Points each target that does not yet point here at this URL; Meta checks the URL with a handshake first. */
export async function createOverrides(this: IHookFunctions, context: OverrideContext): Promise<void> {
	// Read again right before writing: another workflow may have set an override meanwhile.
	const states = await readOverrides.call(this, context);
	for (const state of states.filter(({ overrideCallbackUri }) => overrideCallbackUri !== context.callbackUrl)) {
		if (state.kind === 'waba') {
			await graphApiRequest.call(this, 'POST', `/${state.id}/subscribed_apps`, {
				body: wabaOverrideBody(context.callbackUrl, context.verifyToken),
			});
		} else {
			await graphApiRequest.call(this, 'POST', `/${state.id}`, {
				body: phoneNumberOverrideBody(context.callbackUrl, context.verifyToken),
				adviceFor: appNotSubscribedAdvice,
			});
		}
	}
}

/**
 * Removes the overrides that point here, and only those: a WABA's by subscribing the app again
 * without one (the app stays subscribed), a number's by setting an empty URI.
 */
export async function deleteOverrides(this: IHookFunctions, context: OverrideContext): Promise<void> {
	for (const target of targetsOf(context.targets)) {
		const state = await readOverride.call(this, target, context.appId);
		if (state.overrideCallbackUri !== context.callbackUrl) continue;
		if (target.kind === 'waba') {
			await graphApiRequest.call(this, 'POST', `/${target.id}/subscribed_apps`, { body: WABA_WITHOUT_OVERRIDE });
		} else {
			await graphApiRequest.call(this, 'POST', `/${target.id}`, { body: PHONE_NUMBER_WITHOUT_OVERRIDE });
		}
	}
}
