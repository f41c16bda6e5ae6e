/**
 * Override mode: points chosen WABAs and phone numbers at this node's URL with Meta's
 * callback overrides, never the app's own subscription, never an override that points
 * elsewhere, and on deactivation removes only the overrides that point here.
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
import { graphApiRequest } from '../shared/transport';
import type { OverrideTargets } from './settings';

interface OverrideTarget {
	kind: 'waba' | 'phoneNumber';
	id: string;
}

/** Where a target's messaging webhooks go now: its own override, or null. */
interface TargetState extends OverrideTarget {
	overrideCallbackUri: string | null;
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
	return { ...target, overrideCallbackUri: webhookRouting(answer).overrideCallbackUri };
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
