import type { IDataObject, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport';
import {
	bodyProblem,
	changesOf,
	CHANGES_PER_DELIVERY_LIMIT,
	eventsOfChange,
	IDENTITY_EVENTS,
	readEnvelope,
	type PhoneNumberEvent,
} from './events';
import { matchesEventName, matchesSource } from './filters';
import { handshakeChallenge } from './handshake';
import { IdentityTracker, lateHashChange } from './identity';
import { DeliveryMemory, type StoredMemory } from './memory';
import { isSelected, readOptions, readTriggerSettings, type TriggerSettings } from './settings';
import { isSignedByMeta } from './signature';

/** The parts of n8n's request this trigger reads (an express request in n8n). */
interface DeliveryRequest {
	rawBody?: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/** The answers' bodies, as n8n's own for a webhook that started a workflow or did not. */
const STARTED = { message: 'Workflow was started' };
const RECEIVED = { message: 'Webhook call received' };

/**
 * Answers the request here. Written with Node's own response methods, which express's
 * response keeps, so the status is exactly the one chosen.
 */
function answer(context: IWebhookFunctions, statusCode: number, body?: string, contentType = 'text/plain; charset=utf-8') {
	const response = context.getResponseObject();
	response.writeHead(statusCode, body === undefined ? {} : { 'Content-Type': contentType });
	response.end(body);
}

/** GET: Meta's verification of the callback URL. */
export async function answerHandshake(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const challenge = handshakeChallenge(this.getQueryData() as IDataObject, String(credentials.webhookVerifyToken ?? ''));
	answer(this, challenge === undefined ? 403 : 200, challenge);
	return { noWebhookResponse: true };
}

/** What one delivery produced, and what the log should say about it. */
interface Selection {
	events: PhoneNumberEvent[];
	changesSkipped: number;
	customersSkipped: number;
}

/**
 * The events of a verified delivery, after selection, filters and duplicates. Each change
 * is remembered once it produced an item, so a redelivery of it produces none.
 */
export function eventsToEmit(envelope: IDataObject, settings: TriggerSettings, memory: DeliveryMemory, now = Date.now()): Selection {
	const changes = changesOf(envelope);
	const identities = new IdentityTracker(memory, now, settings.selectedEvents.has(IDENTITY_EVENTS.hashChanged));
	const events: PhoneNumberEvent[] = [];
	for (const change of changes.slice(0, CHANGES_PER_DELIVERY_LIMIT)) {
		if (memory.wasDelivered(change.changeId)) continue;
		const candidates = eventsOfChange(change, settings).filter((event) => matchesSource(event, settings.filters));
		const selected = identities
			.detect(candidates)
			.filter((event) => isSelected(event, settings) && matchesEventName(event, settings.filters));
		if (!selected.length) continue;
		memory.rememberDelivered(change.changeId);
		events.push(...selected);
	}
	// Changes found complete only now, in another process's copy of the memory (memory.ts).
	for (const late of memory.lateIdentityChanges()) {
		const event = lateHashChange(late);
		if (isSelected(event, settings) && matchesEventName(event, settings.filters)) events.push(event);
	}
	return {
		events,
		changesSkipped: Math.max(0, changes.length - CHANGES_PER_DELIVERY_LIMIT),
		customersSkipped: identities.skipped,
	};
}

/** Test deliveries from the editor keep a memory of their own, apart from the active workflow's. */
function memoryScope(context: IWebhookFunctions, node: INode): string {
	return `${context.getMode()}:${context.getWorkflow().id ?? ''}:${node.id}`;
}

/**
 * POST: a delivery. Forged or unsigned: 401. Anything else signed is answered 200, so Meta
 * stops retrying, and starts the workflow when it holds a new selected event.
 *
 * n8n answers, not the node, so the 200 goes out only once the delivery is stored
 * (n8n 2.41, `webhook-helpers` and `live-webhooks`):
 * - with an execution: n8n writes the execution row (and in queue mode enqueues it), then
 *   reads the answer's body, saves the static data and answers. The memory is written into
 *   the static data when n8n reads the body: starting the execution resets the static data's
 *   "changed" mark, so a write before it would never be saved.
 * - without one: n8n saves the static data, then answers.
 * A process that dies before the 200 leaves the delivery unanswered, and Meta sends it again;
 * its memory was not saved, so the redelivery starts an execution, and the claim taken when
 * executions start (claims.ts) lets only one of them run the change.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as DeliveryRequest;
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const appSecret = String(credentials.appSecret ?? '');
	// With an app secret every delivery is verified; skipping is only for credentials without one.
	if (appSecret || readOptions(this).skipSignatureVerification !== true) {
		if (!isSignedByMeta(request.rawBody, request.headers['x-hub-signature-256'], appSecret)) {
			this.logger.debug('WhatsApp Phone Number Trigger refused a delivery without a valid X-Hub-Signature-256');
			answer(this, 401);
			return { noWebhookResponse: true };
		}
	}

	const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(String(request.rawBody ?? ''), 'utf8');
	const problem = bodyProblem(rawBody);
	const envelope = problem === undefined ? readEnvelope(rawBody, this.getBodyData()) : undefined;
	if (problem !== undefined) {
		this.logger.warn(`WhatsApp Phone Number Trigger ignored a signed delivery whose body ${problem}`);
	}
	if (!envelope) return { webhookResponse: RECEIVED };

	const node = this.getNode();
	const settings = readTriggerSettings(this, node);
	const memory = new DeliveryMemory(memoryScope(this, node), this.getWorkflowStaticData('node') as StoredMemory);
	const { events, changesSkipped, customersSkipped } = eventsToEmit(envelope, settings, memory);
	if (changesSkipped) {
		this.logger.warn(`WhatsApp Phone Number Trigger read the first ${CHANGES_PER_DELIVERY_LIMIT} changes of a delivery and ignored ${changesSkipped}`);
	}
	if (customersSkipped) {
		this.logger.warn(`WhatsApp Phone Number Trigger did not remember the identity hash of ${customersSkipped} customers of one delivery (limit per delivery)`);
	}
	if (!events.length) {
		memory.save();
		return { webhookResponse: RECEIVED };
	}
	const started: IWebhookResponseData = { workflowData: [events.map((json) => ({ json }))] };
	Object.defineProperty(started, 'webhookResponse', {
		enumerable: true,
		get: () => {
			memory.save();
			return STARTED;
		},
	});
	return started;
}
