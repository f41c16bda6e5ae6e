'use strict';
/**
 * 2. Trigger throughput, in-process: the same signed deliveries through our trigger's webhook()
 * and through n8n's built-in WhatsApp Trigger's webhook(), both on n8n-core's WebhookContext,
 * alternated batch by batch (the side that goes first alternates too) so a noisy machine
 * slows both alike.
 */
const path = require('node:path');

const webhooks = require('../sandbox/webhooks');
const { webhookDriver } = require('./lib/webhookDriver');

const APP_SECRET = 'bench-app-secret-0000';
const DELIVERIES = 2000;
const BATCH = 100;
const PASSES = 3;
const WABA_ID = '102290129340398';
const PHONES = Array.from({ length: 20 }, (_, index) => ({
	phoneNumberId: String(106540352242922 + index),
	displayPhoneNumber: `+1 650-555-${String(1000 + index)}`,
}));

/**
 * Per 20 deliveries: 6 customer messages carrying identity hashes (one in six with a new hash),
 * 2 sends refused for identity mismatch, 1 legacy identity message, 3 quality updates, 2 account
 * updates, 1 name update, 1 capability update, 1 security event, 2 redeliveries of an earlier
 * delivery (Meta retries) and 1 forged signature.
 */
const MIX = [
	'identity_message', 'phone_number_quality_update', 'identity_message', 'account_update', 'identity_mismatch_status',
	'identity_message', 'redelivery', 'phone_number_quality_update', 'identity_message', 'security',
	'phone_number_name_update', 'identity_message', 'forged', 'account_update', 'identity_system_message',
	'identity_message', 'phone_number_quality_update', 'redelivery', 'identity_mismatch_status', 'business_capability_update',
];
const QUALITY_EVENTS = ['FLAGGED', 'UNFLAGGED', 'DOWNGRADE', 'UPGRADE', 'THROUGHPUT_UPGRADE'];
const ACCOUNT_EVENTS = ['ACCOUNT_VIOLATION', 'ACCOUNT_RESTRICTION', 'DISABLED_UPDATE', 'VERIFIED_ACCOUNT'];

function buildDeliveries(count) {
	const start = Date.UTC(2026, 2, 1, 12);
	const deliveries = [];
	for (let index = 0; index < count; index++) {
		const kind = MIX[index % MIX.length];
		const phone = PHONES[index % PHONES.length];
		const time = start + index * 1000;
		const customer = `1650555${String(index % 300).padStart(4, '0')}`;
		let rawBody;
		let secret = APP_SECRET;
		if (kind === 'redelivery') {
			rawBody = deliveries[Math.max(0, index - 1 - (index % 37))].rawBody;
		} else {
			const params = { wabaId: WABA_ID, ...phone, time };
			const payload = {
				identity_message: () =>
					webhooks.identityMessage({ ...params, waId: customer, identityKeyHash: `hash-${customer}-${Math.floor(index / 120)}`, text: `Hi ${index}` }),
				identity_mismatch_status: () => webhooks.identityMismatchStatus({ ...params, recipientId: customer }),
				identity_system_message: () => webhooks.identitySystemMessage({ ...params, waId: customer, identityHash: `hash-${customer}-new` }),
				phone_number_quality_update: () => webhooks.phoneNumberQualityUpdate({ ...params, event: QUALITY_EVENTS[index % QUALITY_EVENTS.length] }),
				account_update: () =>
					webhooks.accountUpdate({ ...params, event: ACCOUNT_EVENTS[index % ACCOUNT_EVENTS.length], phoneNumber: phone.displayPhoneNumber }),
				phone_number_name_update: () => webhooks.phoneNumberNameUpdate({ ...params, requestedVerifiedName: `Acme ${index}` }),
				business_capability_update: () => webhooks.businessCapabilityUpdate({ ...params, maxPhoneNumbersPerBusiness: 20 + index }),
				security: () => webhooks.security({ ...params, requester: customer }),
				forged: () => webhooks.phoneNumberQualityUpdate({ ...params, event: 'FLAGGED' }),
			}[kind]();
			rawBody = Buffer.from(JSON.stringify(payload));
			if (kind === 'forged') secret = `forged-${APP_SECRET}`;
		}
		deliveries.push({
			kind,
			rawBody,
			headers: {
				'content-type': 'application/json',
				'user-agent': 'facebookexternalua',
				'x-hub-signature-256': webhooks.signBody(rawBody, secret),
				'x-hub-signature': webhooks.signBodySha1(rawBody, secret),
			},
		});
	}
	return deliveries;
}

/** The trigger's module state lives per process; a new pass starts as a new process would. */
function forgetOurProcessMemory() {
	require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'WhatsAppPhoneNumberTrigger', 'memory.js')).forgetProcessMemory();
}

function driversFor({ harness, loader, nodesBase }) {
	const { TestCredentialsHelper, testAdditionalData } = harness;
	const credentialsHelper = new TestCredentialsHelper(loader, {
		whatsAppBusinessManagementApi: {
			accessToken: 'EAAbench',
			graphApiVersion: 'v24.0',
			baseUrl: 'http://127.0.0.1:9',
			appId: '778899001122334',
			appSecret: APP_SECRET,
			webhookVerifyToken: 'bench-verify-token',
		},
		whatsAppTriggerApi: { clientId: '778899001122334', clientSecret: APP_SECRET },
	});
	const additionalData = testAdditionalData(credentialsHelper);
	const oursOptions = {
		nodeType: loader.getNode('whatsAppPhoneNumberTrigger').type,
		typeName: 'n8n-nodes-whatsapp-phone-numbers.whatsAppPhoneNumberTrigger',
		// Every event group and event, so nothing is dropped by selection.
		parameters: {
			eventGroups: ['capability', 'status', 'identity'],
			capabilityEvents: ['business_capability_update'],
			statusEvents: ['phone_number_quality_update', 'phone_number_name_update', 'account_update', 'security'],
			identityEvents: ['identity_key_hash_changed', 'customer_identity_changed', 'identity_send_refused'],
		},
		credentialType: 'whatsAppBusinessManagementApi',
		credentialsHelper,
		additionalData,
		onReset: forgetOurProcessMemory,
	};
	const ours = webhookDriver(oursOptions);
	// The same, with the static data kept as an object instead of n8n's JSON round trip.
	const oursWithoutRoundTrip = webhookDriver({ ...oursOptions, roundTrip: false, workflowId: 'bench-workflow-kept-object' });
	const { WhatsAppTrigger } = nodesBase(path.join('dist', 'nodes', 'WhatsApp', 'WhatsAppTrigger.node.js'));
	const builtIn = webhookDriver({
		nodeType: new WhatsAppTrigger(),
		typeName: 'n8n-nodes-base.whatsAppTrigger',
		parameters: {
			updates: ['messages', 'phone_number_quality_update', 'phone_number_name_update', 'account_update', 'security', 'business_capability_update'],
		},
		credentialType: 'whatsAppTriggerApi',
		credentialsHelper,
		additionalData,
	});
	return { ours, builtIn, oursWithoutRoundTrip };
}

async function runBatch(driver, deliveries, tally) {
	const started = process.hrtime.bigint();
	for (const { rawBody, headers } of deliveries) {
		const outcome = await driver.deliver(rawBody, headers);
		if (tally) {
			tally.statuses[outcome.status] = (tally.statuses[outcome.status] ?? 0) + 1;
			if (outcome.started) tally.executions += 1;
			tally.items += outcome.items;
		}
	}
	return Number(process.hrtime.bigint() - started) / 1e6;
}

async function measureTrigger({ harness, nodesBase, log = () => {} }) {
	const loader = await harness.loadPackage();
	const drivers = driversFor({ harness, loader, nodesBase });
	const deliveries = buildDeliveries(DELIVERIES);
	const sides = ['ours', 'builtIn', 'oursWithoutRoundTrip'];
	const totals = Object.fromEntries(sides.map((side) => [side, { ms: 0, deliveries: 0 }]));
	const tallies = {};

	// Warm-up: one short pass each, not timed.
	for (const side of sides) {
		await runBatch(drivers[side], deliveries.slice(0, 300));
		drivers[side].resetMemory();
	}
	for (let pass = 0; pass < PASSES; pass++) {
		for (const side of sides) drivers[side].resetMemory();
		const tally = pass === 0 ? Object.fromEntries(sides.map((side) => [side, { statuses: {}, executions: 0, items: 0 }])) : undefined;
		for (let offset = 0, batch = 0; offset < deliveries.length; offset += BATCH, batch++) {
			const slice = deliveries.slice(offset, offset + BATCH);
			const order = sides.map((_, index) => sides[(index + batch + pass) % sides.length]);
			for (const side of order) {
				totals[side].ms += await runBatch(drivers[side], slice, tally?.[side]);
				totals[side].deliveries += slice.length;
			}
		}
		if (tally) Object.assign(tallies, tally);
		log(`  trigger pass ${pass + 1}/${PASSES}: ours ${totals.ours.ms.toFixed(0)} ms, built-in ${totals.builtIn.ms.toFixed(0)} ms so far`);
	}
	const perSecond = (side) => (totals[side].deliveries / totals[side].ms) * 1000;
	// What signature verification alone costs per delivery, over the same bodies.
	const { isSignedByMeta } = require(path.join(__dirname, '..', '..', 'dist', 'nodes', 'WhatsAppPhoneNumberTrigger', 'signature.js'));
	const hmacStarted = process.hrtime.bigint();
	for (let pass = 0; pass < PASSES; pass++) {
		for (const { rawBody, headers } of deliveries) isSignedByMeta(rawBody, headers['x-hub-signature-256'], APP_SECRET);
	}
	const hmacMicroseconds = Number(process.hrtime.bigint() - hmacStarted) / 1e3 / (PASSES * deliveries.length);
	const kinds = {};
	for (const { kind } of deliveries) kinds[kind] = (kinds[kind] ?? 0) + 1;
	return {
		deliveries: DELIVERIES,
		passes: PASSES,
		kinds,
		ours: { perSecond: perSecond('ours'), ...tallies.ours, staticDataBytes: drivers.ours.staticDataBytes },
		builtIn: { perSecond: perSecond('builtIn'), ...tallies.builtIn },
		oursWithoutRoundTrip: { perSecond: perSecond('oursWithoutRoundTrip') },
		hmacMicroseconds,
	};
}

module.exports = { measureTrigger, buildDeliveries, driversFor };
