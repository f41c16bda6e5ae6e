'use strict';
/**
 * The workflow a user builds with n8n's own nodes instead of our trigger, for dev/bench/webhook-compare.js:
 *
 *   Webhook (POST, Options → Raw Body on, respond immediately)
 *     → Crypto (HMAC, SHA256, secret = the app secret, over the raw body)
 *     → If ('sha256=' + HMAC equals the X-Hub-Signature-256 header)
 *         true  → Team message (Set, like examples/alerting.json) → Send to your team (NoOp)
 *         false → nothing
 *
 * How the raw body reaches the Crypto node in n8n 2.41: with Raw Body on, the Webhook node puts
 * the exact request bytes in the item's binary property `data` (base64, no binary-data id). The
 * Crypto node 2 reads it with its own "Binary File" option (`binaryData: true`,
 * `binaryPropertyName: 'data'`), which HMACs `Buffer.from(data, 'base64')` (or streams the stored
 * file when the binary has an id). No Extract From File step is needed. Its `Value` field takes
 * a string only, so HMACing `JSON.stringify($json.body)` instead would not be the signed bytes.
 * The HMAC secret comes from a Crypto credential (`hmacSecret`), not from a node parameter.
 */
const crypto = require('node:crypto');

const WEBHOOK = 'Webhook';
const HMAC = 'HMAC of the raw body';
const IF = 'Signature valid?';
const MESSAGE = 'Team message';
const SEND = 'Send to your team (replace me)';

/** The change a user reads from Meta's envelope (first entry, first change), as an expression. */
const CHANGE = '$json.body.entry[0].changes[0]';

/**
 * @param {{ path: string, webhookId?: string, credential: { id: string|number, name: string }, name?: string }} input
 *   credential: a Crypto credential (type `crypto`) whose `hmacSecret` is the app secret.
 */
function alternativeWorkflow({ path, webhookId = crypto.randomUUID(), credential, name = 'bench: Webhook → Crypto → If' }) {
	const id = () => crypto.randomUUID();
	return {
		name,
		nodes: [
			{
				id: id(),
				name: WEBHOOK,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 300],
				webhookId,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: { rawBody: true } },
			},
			{
				id: id(),
				name: HMAC,
				type: 'n8n-nodes-base.crypto',
				typeVersion: 2,
				position: [240, 300],
				parameters: {
					action: 'hmac',
					binaryData: true,
					binaryPropertyName: 'data',
					type: 'SHA256',
					dataPropertyName: 'hmac',
					encoding: 'hex',
				},
				credentials: { crypto: { id: String(credential.id), name: credential.name } },
			},
			{
				id: id(),
				name: IF,
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [480, 300],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: id(),
								leftValue: "={{ 'sha256=' + $json.hmac }}",
								rightValue: "={{ $json.headers['x-hub-signature-256'] }}",
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: id(),
				name: MESSAGE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [720, 200],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: id(), name: 'channel', value: '#whatsapp-numbers', type: 'string' },
							{
								id: id(),
								name: 'text',
								value:
									`={{ ':rotating_light: WhatsApp ' + (${CHANGE}.field + (${CHANGE}.value.event ? ' ' + ${CHANGE}.value.event : '')) + ` +
									`(${CHANGE}.value.display_phone_number ? ' on ' + ${CHANGE}.value.display_phone_number : '') + ` +
									`($json.body.entry[0].id ? ' (WABA ' + $json.body.entry[0].id + ')' : '') }}`,
								type: 'string',
							},
							{ id: id(), name: 'event', value: `={{ ${CHANGE} }}`, type: 'object' },
						],
					},
					options: {},
				},
			},
			{ id: id(), name: SEND, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [960, 200], parameters: {} },
		],
		connections: {
			[WEBHOOK]: { main: [[{ node: HMAC, type: 'main', index: 0 }]] },
			[HMAC]: { main: [[{ node: IF, type: 'main', index: 0 }]] },
			[IF]: { main: [[{ node: MESSAGE, type: 'main', index: 0 }], []] },
			[MESSAGE]: { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { alternativeWorkflow, NODE_NAMES: { WEBHOOK, HMAC, IF, MESSAGE, SEND } };
