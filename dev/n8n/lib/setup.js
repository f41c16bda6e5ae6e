'use strict';
/**
 * Provisions an n8n instance for the examples: owner account, the credential pointing at the
 * Graph sandbox, and the example workflows from examples/*.json with their placeholders rewired.
 * Everything goes through n8n's REST API (never its database).
 */
const fs = require('node:fs');
const path = require('node:path');

const { repoRoot } = require('./install');

const EXAMPLES_DIR = path.join(repoRoot, 'examples');
const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';
/** The placeholders examples/*.json carry, rewritten on import. */
const PLACEHOLDER_CREDENTIAL_ID = 'WHATSAPP_CREDENTIAL_ID';
const PLACEHOLDER_SANDBOX_URL = 'http://127.0.0.1:8090';
/** The chat model credential the AI Agent examples carry, pointed at the model stand-in on import. */
const MODEL_CREDENTIAL_TYPE = 'openAiApi';
const MODEL_CREDENTIAL_NAME = 'Model stand-in (OpenAI-compatible)';

const EXAMPLES = {
	onboarding: { file: 'onboard-pre-verified-number.json', trigger: 'Start onboarding' },
	reverification: { file: 'scheduled-reverification.json', trigger: 'Every day at 06:00' },
	alerting: { file: 'alerting.json', trigger: 'WhatsApp phone number events' },
	migration: { file: 'migrate-number.json', trigger: 'Start migration' },
	fleet: { file: 'fleet-report.json', trigger: 'Fleet report' },
	profile: { file: 'apply-profile-template.json', trigger: 'Apply profile template' },
	askTheFleet: { file: 'ask-the-fleet.json', trigger: 'When chat message received' },
};

const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-0wner!',
	firstName: 'Sandbox',
	lastName: 'Owner',
};

/**
 * An example workflow with its credential references pointed at `credential` ({id, name}) and
 * the sandbox development URLs at `sandboxUrl`.
 */
function loadExample(key, { credential, sandboxUrl, modelCredential }) {
	const { file } = EXAMPLES[key];
	let text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
	if (sandboxUrl) text = text.split(PLACEHOLDER_SANDBOX_URL).join(sandboxUrl.replace(/\/+$/, ''));
	const workflow = JSON.parse(text);
	for (const node of workflow.nodes) {
		if (node.credentials && node.credentials[CREDENTIAL_TYPE] && credential) {
			node.credentials[CREDENTIAL_TYPE] = { id: String(credential.id), name: credential.name };
		}
		if (node.credentials && node.credentials[MODEL_CREDENTIAL_TYPE] && modelCredential) {
			node.credentials[MODEL_CREDENTIAL_TYPE] = { id: String(modelCredential.id), name: modelCredential.name };
		}
	}
	return workflow;
}

/** The credential data for the sandbox (its fixture's token, app and verify token). */
function sandboxCredentialData(sandbox) {
	const c = sandbox.credentials;
	return {
		accessToken: c.accessToken,
		graphApiVersion: 'v24.0',
		baseUrl: sandbox.url,
		appId: c.appId,
		appSecret: c.appSecret,
		webhookVerifyToken: c.webhookVerifyToken,
	};
}

/**
 * Owner + credential + the example workflows. Returns { owner, credential, workflows: {key: {id, name, trigger}} }.
 * `only` limits which examples are imported. In an n8n that has them already (a kept user folder),
 * the owner logs in, the credential of that name is pointed at this sandbox, and workflows of the
 * same name are kept as the user left them.
 */
async function provision(client, { sandbox, model, owner = DEFAULT_OWNER, credentialName, only } = {}) {
	await client.setupOwnerOrLogin(owner);
	const credential = await createOrUpdateCredential(client, {
		name: credentialName || 'WhatsApp Business Management (sandbox)',
		type: CREDENTIAL_TYPE,
		data: sandboxCredentialData(sandbox),
	});
	// The model stand-in plays the chat model of the AI Agent examples; its key is not checked.
	const modelCredential = model
		? await createOrUpdateCredential(client, { name: MODEL_CREDENTIAL_NAME, type: MODEL_CREDENTIAL_TYPE, data: { apiKey: 'stand-in-key', url: model.url } })
		: undefined;
	const existingWorkflows = await client.listWorkflows();
	const workflows = {};
	for (const key of only || Object.keys(EXAMPLES)) {
		const workflow = loadExample(key, { credential, sandboxUrl: sandbox.url, modelCredential });
		const kept = existingWorkflows.find((w) => w.name === workflow.name);
		const created = kept ? await client.getWorkflow(kept.id) : await client.createWorkflow(workflow);
		workflows[key] = { id: created.id, name: created.name, trigger: EXAMPLES[key].trigger, workflow: created, kept: Boolean(kept) };
	}
	return { owner, credential, modelCredential, workflows };
}

/** The credential of that name and type, created or pointed at this run's servers. */
async function createOrUpdateCredential(client, wanted) {
	const existing = (await client.listCredentials()).find((c) => c.name === wanted.name && c.type === wanted.type);
	return existing
		? { ...(await client.updateCredential(existing.id, wanted)), id: existing.id, name: wanted.name }
		: await client.createCredential(wanted);
}

module.exports = {
	EXAMPLES,
	DEFAULT_OWNER,
	CREDENTIAL_TYPE,
	MODEL_CREDENTIAL_TYPE,
	PLACEHOLDER_CREDENTIAL_ID,
	PLACEHOLDER_SANDBOX_URL,
	loadExample,
	sandboxCredentialData,
	provision,
};
