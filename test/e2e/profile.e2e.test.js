'use strict';
/**
 * The profile template workflow in a real n8n: examples/apply-profile-template.json, run as the
 * editor runs it, against the Graph sandbox: every number of the WABA gets the template's text
 * and its photo, uploaded from binary data with Meta's two-step Resumable Upload API.
 */
const crypto = require('node:crypto');

const { startStack } = require('../../dev/n8n/lib/harness');
const { loadExample } = require('../../dev/n8n/lib/setup');
const { nodeOutput, nodeError } = require('../../dev/n8n/lib/n8n');

const WABA_ID = '102290129340398';

let stack;

beforeAll(async () => {
	stack = await startStack({ only: ['profile'] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

test('apply a profile template: every number of the WABA gets the text and the photo, uploaded from binary data', async () => {
	const { client, sandbox } = stack;
	const wf = stack.workflows.profile;
	const numbers = sandbox.state.phoneNumbers.filter((phone) => phone.waba_id === WABA_ID).map((phone) => phone.id);
	// The photo the workflow carries, as it should arrive at Meta.
	const template = loadExample('profile', {});
	const photoBase64 = template.nodes.find((node) => node.name === 'Template photo (base64 PNG)').parameters.assignments.assignments[0].value;
	const photo = Buffer.from(photoBase64, 'base64');
	sandbox.resetCounts();

	const executionId = await client.runWorkflow(wf.id, wf.trigger);
	const execution = await client.waitForExecution(executionId);

	expect(Object.keys(execution.data.resultData.runData).filter((name) => nodeError(execution, name))).toEqual([]);
	expect(execution.status).toBe('success');
	// In the list's order (newest onboarded first), each number once.
	const listed = nodeOutput(execution, 'Numbers of the WABA').map((phone) => phone.phoneNumberId);
	expect([...listed].sort()).toEqual([...numbers].sort());
	expect(listed).toHaveLength(5);
	expect(nodeOutput(execution, 'Apply the profile')).toEqual(
		listed.map((phoneNumberId) => ({
			success: true,
			updatedFields: ['about', 'address', 'vertical', 'description', 'email', 'websites'],
			profilePhotoUploaded: true,
			phoneNumberId,
		})),
	);
	const readBack = nodeOutput(execution, 'Read the profile back');
	expect(readBack.map((profile) => profile.phoneNumberId)).toEqual(listed);
	for (const profile of readBack) {
		expect(profile).toEqual({
			about: 'Acme: help with orders, Mon–Fri 9:00–17:00',
			address: '1 Acme Way, Springfield',
			description: 'Acme sells garden supplies. Message us about orders, returns and opening hours.',
			email: 'help@acme.example',
			profile_picture_url: expect.stringMatching(new RegExp(`^https://pps\\.whatsapp\\.net/v/t61\\.sandbox/${profile.phoneNumberId}_[0-9a-f]{16}\\.png$`)),
			websites: ['https://www.acme.example', 'https://www.instagram.com/acme.example'],
			vertical: 'RETAIL',
			messaging_product: 'whatsapp',
			phoneNumberId: profile.phoneNumberId,
		});
	}

	// The sandbox received the workflow's own PNG bytes for each number.
	const sha256 = crypto.createHash('sha256').update(photo).digest('hex');
	for (const id of numbers) {
		expect(sandbox.state.profiles[id].profile.photo).toEqual(expect.objectContaining({ type: 'image/png', length: photo.length, sha256 }));
	}
	expect(sandbox.counts.endpoints).toEqual({
		'GET /{waba}/phone_numbers': 1,
		'POST /{app}/uploads': 5,
		'POST /{upload_session}': 5,
		'POST /{phone_number}/whatsapp_business_profile': 5,
		'GET /{phone_number}/whatsapp_business_profile': 5,
	});
	expect(JSON.stringify(execution)).not.toContain(sandbox.credentials.accessToken);
});
