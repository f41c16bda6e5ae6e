import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport';
import { changesOf, eventsOfChange, readEnvelope, type PhoneNumberEvent } from './events';
import { matchesEventName, matchesSource } from './filters';
import { handshakeChallenge } from './handshake';
import {
	changeFingerprint,
	detectIdentityChanges,
	rememberDelivered,
	wasDelivered,
	type TriggerMemory,
} from './memory';
import { isSelected, readOptions, readTriggerSettings, type TriggerSettings } from './settings';
import { isSignedByMeta } from './signature';

/** The parts of n8n's request this trigger reads (an express request in n8n). */
interface DeliveryRequest {
	rawBody?: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/**
 * Answers the request here and starts no execution. Written with Node's own response
 * methods, which express's response keeps, so the status is exactly the one chosen.
 */
function answer(context: IWebhookFunctions, statusCode: number, plainText?: string): IWebhookResponseData {
	const response = context.getResponseObject();
	response.writeHead(statusCode, plainText === undefined ? {} : { 'Content-Type': 'text/plain; charset=utf-8' });
	response.end(plainText);
	return { noWebhookResponse: true };
}

/** GET: Meta's verification of the callback URL. */
export async function answerHandshake(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const challenge = handshakeChallenge(this.getQueryData() as IDataObject, String(credentials.webhookVerifyToken ?? ''));
	return challenge === undefined ? answer(this, 403) : answer(this, 200, challenge);
}

/**
 * The events of a verified delivery, after selection, filters and duplicates. Each change
 * is remembered once it produced an item, so a redelivery of it produces none.
 */
export function eventsToEmit(envelope: IDataObject, settings: TriggerSettings, memory: TriggerMemory): PhoneNumberEvent[] {
	return changesOf(envelope).flatMap((change) => {
		const fingerprint = changeFingerprint(change);
		if (wasDelivered(memory, fingerprint)) return [];
		const candidates = eventsOfChange(change, settings).filter((event) => matchesSource(event, settings.filters));
		const events = detectIdentityChanges(candidates, memory).filter(
			(event) => isSelected(event, settings) && matchesEventName(event, settings.filters),
		);
		if (events.length) rememberDelivered(memory, fingerprint);
		return events;
	});
}

/** POST: a delivery. Forged or unsigned: 401. Nothing to run: 200 so Meta stops retrying. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as DeliveryRequest;
	const skipSignatureVerification = readOptions(this).skipSignatureVerification === true;
	if (!skipSignatureVerification) {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const signed = isSignedByMeta(
			request.rawBody,
			request.headers['x-hub-signature-256'],
			String(credentials.appSecret ?? ''),
		);
		if (!signed) {
			this.logger.debug('WhatsApp Phone Number Trigger refused a delivery without a valid X-Hub-Signature-256');
			return answer(this, 401);
		}
	}

	const envelope = readEnvelope(request.rawBody, this.getBodyData());
	if (!envelope) return answer(this, 200);

	const settings = readTriggerSettings(this);
	const memory = this.getWorkflowStaticData('node') as TriggerMemory;
	const events = eventsToEmit(envelope, settings, memory);
	if (!events.length) return answer(this, 200);
	return { workflowData: [events.map((json) => ({ json }))] };
}
