'use strict';
/**
 * The QR Codes node in a real n8n against the Graph sandbox: Create with a PNG, then Get with an
 * SVG into another binary field; the images are stored by n8n's binary data service and read back
 * over n8n's REST API, byte for byte as the sandbox serves them.
 */
const { startStack } = require('../../dev/n8n/lib/harness');
const { CREDENTIAL_TYPE } = require('../../dev/n8n/lib/setup');
const { nodeError, nodeOutput } = require('../../dev/n8n/lib/n8n');

const PHONE_NUMBER_ID = '106540352242922';
const NODE_TYPE = 'n8n-nodes-whatsapp-phone-numbers.whatsAppQrCodes';

let stack;

beforeAll(async () => {
	stack = await startStack({ only: [] });
});

afterAll(async () => {
	if (stack) await stack.stop();
});

function qrNode(name, position, parameters) {
	const credential = stack.credential;
	return {
		id: name.replace(/\W/g, '-'),
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: { phoneNumberId: { __rl: true, mode: 'id', value: PHONE_NUMBER_ID }, ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: String(credential.id), name: credential.name } },
	};
}

async function storedBytes(binary) {
	const { client } = stack;
	const response = await fetch(`${client.baseUrl}/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`, {
		headers: { cookie: client.cookie, 'browser-id': client.browserId },
	});
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

async function served(path) {
	return Buffer.from(await (await fetch(`${stack.sandbox.url}${path}`)).arrayBuffer());
}

test('create a QR code with its PNG, then get it with its SVG: binary data in n8n, one Graph call each', async () => {
	const { client, sandbox } = stack;
	const workflow = await client.createWorkflow({
		name: 'QR code for the shop window',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			qrNode('Create QR code', [220, 0], { operation: 'create', prefilledMessage: 'Hi! What is on the menu today?', imageFormat: 'PNG' }),
			qrNode('Get it as SVG', [440, 0], {
				operation: 'get',
				qrCode: { __rl: true, mode: 'id', value: '={{ $json.code }}' },
				imageFormat: 'SVG',
				binaryPropertyName: 'qrSvg',
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Create QR code', type: 'main', index: 0 }]] },
			'Create QR code': { main: [[{ node: 'Get it as SVG', type: 'main', index: 0 }]] },
		},
	});
	sandbox.resetCounts();

	const execution = await client.waitForExecution(await client.runWorkflow(workflow.id, 'Start'));
	// Before this test fetches the images itself.
	const calls = sandbox.counts.endpoints;

	expect(['Create QR code', 'Get it as SVG'].map((name) => nodeError(execution, name))).toEqual([undefined, undefined]);
	expect(execution.status).toBe('success');
	const [created] = nodeOutput(execution, 'Create QR code');
	expect(created).toEqual({
		code: expect.stringMatching(/^[A-Z0-9]{14}$/),
		prefilled_message: 'Hi! What is on the menu today?',
		deep_link_url: `https://wa.me/message/${created.code}`,
		qr_image_url: `${sandbox.url}/qr-images/${created.code}.png`,
		phoneNumberId: PHONE_NUMBER_ID,
	});

	const runData = execution.data.resultData.runData;
	const png = runData['Create QR code'][0].data.main[0][0].binary.data;
	expect(png).toMatchObject({ mimeType: 'image/png', fileName: `whatsapp-qr-${created.code}.png`, fileExtension: 'png' });
	expect(await storedBytes(png)).toEqual(await served(`/qr-images/${created.code}.png`));

	const svg = runData['Get it as SVG'][0].data.main[0][0].binary.qrSvg;
	expect(svg).toMatchObject({ mimeType: 'image/svg+xml', fileName: `whatsapp-qr-${created.code}.svg`, fileExtension: 'svg' });
	expect((await storedBytes(svg)).toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);

	expect(calls).toEqual({
		'POST /{phone_number}/message_qrdls': 1,
		'GET /{phone_number}/message_qrdls/{code}': 1,
		'GET /qr-images/{code}': 2,
	});
});
