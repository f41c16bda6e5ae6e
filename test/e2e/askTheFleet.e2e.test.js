'use strict';
/**
 * The nodes as tools of n8n's AI Agent in a real n8n 2.41: examples/ask-the-fleet.json (Chat
 * Trigger, public in Embedded Chat mode, so its webhook is driven headless → AI Agent → OpenAI
 * Chat Model) with a Register tool added, the chat model pointed at our stand-in
 * (dev/model/standIn.js), against a sandbox world (generateFleet, 4 WABAs) whose WABA 600000000000003 holds 126 numbers,
 * 6 of them flagged. Each test checks what the model was offered (tool names, descriptions,
 * parameters), the tool calls it made, the Graph calls the tools made, and that no token or
 * PIN reached the model.
 */
const path = require('node:path');

const { startStack } = require('../../dev/n8n/lib/harness');
const { loadExample } = require('../../dev/n8n/lib/setup');
const { generateFleet } = require('../../dev/sandbox/fixtures/fleet');

const dist = (file) => require(path.join(__dirname, '..', '..', 'dist', 'nodes', file));
const { toolFactsOf } = dist('shared/graphOperation.js');
const getAll = dist('WhatsAppPhoneNumbers/operations/getAll.operation.js');
const getHealthStatus = dist('WhatsAppPhoneNumbers/operations/getHealthStatus.operation.js');
const register = dist('WhatsAppPhoneNumbers/operations/register.operation.js');
const getDueForReverification = dist('WhatsAppPreVerifiedNumbers/operations/getDueForReverification.operation.js');

const WABA_ID = '600000000000003';
const PIN = '246810';

let stack;
let chatUrl;
const log = [];

/** The example as a user would extend it: the fleet world's WABA, and a Register tool with its PIN set in the node. */
function askTheFleetWithRegister() {
	const workflow = loadExample('askTheFleet', {
		credential: stack.credential,
		sandboxUrl: stack.sandbox.url,
		modelCredential: stack.modelCredential,
	});
	const agent = workflow.nodes.find((node) => node.name === 'Fleet assistant');
	agent.parameters.options.systemMessage = agent.parameters.options.systemMessage
		.replace('102290129340398 (Acme Support)', `${WABA_ID} (Acme Line 03)`)
		.replace(/You can only read:.*$/, 'Register a number only when the user asks for it.');
	const list = workflow.nodes.find((node) => node.name === 'List phone numbers');
	workflow.nodes.push({
		...list,
		id: 'a5f1ee70-0000-4000-8000-000000000099',
		name: 'Register a number',
		position: [780, 540],
		parameters: {
			operation: 'register',
			phoneNumberId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('phoneNumberId', 'The phone-number ID, digits only (not the phone number itself)', 'string') }}",
			},
			pin: PIN,
		},
	});
	workflow.connections['Register a number'] = { ai_tool: [[{ node: 'Fleet assistant', type: 'ai_tool', index: 0 }]] };
	workflow.name = 'Ask the fleet (with Register)';
	return workflow;
}

async function ask(question) {
	stack.sandbox.resetCounts();
	stack.model.reset();
	const response = await fetch(chatUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId: `e2e-${Date.now()}`, chatInput: question }),
	});
	const text = await response.text();
	expect(response.status).toBe(200);
	const answer = JSON.parse(text).output;
	const requests = [...stack.model.requests];
	const toolCalls = requests.flatMap(({ answer: message }) =>
		(message.tool_calls ?? []).map((call) => ({ tool: call.function.name, args: JSON.parse(call.function.arguments) })),
	);
	const graphCalls = stack.sandbox.callLog().map(({ method, path: graphPath, status }) => `${method} ${graphPath} ${status}`);
	// How much each tool answer weighs in the model's context, in characters.
	const last = requests[requests.length - 1]?.body.messages ?? [];
	const toolResultChars = last.filter((message) => message.role === 'tool').map((message) => String(message.content).length);
	log.push({ question, toolCalls, graphCalls, toolResultChars, answer });
	return { answer, requests, toolCalls, graphCalls };
}

/** Nothing secret in anything n8n sent the model: the access token, the app secret, the PIN. */
function expectNoSecretsReachedTheModel(requests) {
	const { accessToken, appSecret } = stack.sandbox.credentials;
	for (const { raw } of requests) {
		expect(raw).not.toContain(accessToken);
		expect(raw).not.toContain(appSecret);
		expect(raw).not.toContain(PIN);
	}
}

const expectedTools = () => ({
	List_phone_numbers: {
		description: toolFactsOf(getAll.option).description,
		parameters: { wabaId: 'string', page: 'number' },
	},
	Health_of_a_number: {
		description: toolFactsOf(getHealthStatus.option).description,
		parameters: { phoneNumberId: 'string' },
	},
	'Pre-verified_numbers_due': {
		description: toolFactsOf(getDueForReverification.option).description,
		parameters: { page: 'number' },
	},
	Register_a_number: {
		description: toolFactsOf(register.option).description,
		parameters: { phoneNumberId: 'string' },
	},
});

function toolsOffered(request) {
	return Object.fromEntries(
		request.body.tools.map(({ function: tool }) => [
			tool.name,
			{
				description: tool.description,
				parameters: Object.fromEntries(Object.entries(tool.parameters.properties).map(([name, schema]) => [name, schema.type])),
			},
		]),
	);
}

beforeAll(async () => {
	stack = await startStack({ only: [], sandboxOptions: { fixture: generateFleet({ wabas: 4, preVerified: 12 }) } });
	const workflow = await stack.client.createWorkflow(askTheFleetWithRegister());
	await stack.client.activateWorkflow(workflow.id);
	const trigger = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	chatUrl = `${stack.n8n.url}/webhook/${trigger.webhookId}/chat`;
});

afterAll(async () => {
	// The tool and Graph calls of each run, for the closing note.
	process.stderr.write(`[ask-the-fleet] ${JSON.stringify(log, null, 1)}\n`);
	if (stack) await stack.stop();
});

test('"Which numbers are flagged?" over 126 numbers: the list read page by page, the answer names exactly the 6 flagged', async () => {
	const phones = stack.sandbox.state.phoneNumbers.filter((phone) => phone.waba_id === WABA_ID);
	const flagged = phones.filter((phone) => phone.status === 'FLAGGED');
	expect(phones).toHaveLength(126);
	expect(flagged).toHaveLength(6);

	const { answer, requests, toolCalls, graphCalls } = await ask('Which numbers are flagged?');

	// Every tool says what its operation does; the model is offered nothing else.
	expect(toolsOffered(requests[0])).toEqual(expectedTools());
	expect(toolCalls).toEqual([
		{ tool: 'List_phone_numbers', args: { wabaId: WABA_ID, page: 1 } },
		{ tool: 'List_phone_numbers', args: { wabaId: WABA_ID, page: 2 } },
	]);
	// What the tool answered: the page, the total and, on page 1, that page 2 follows.
	const pages = requests.slice(1).map(({ body }) => JSON.parse(body.messages[body.messages.length - 1].content)[0]);
	expect(pages.map(({ total, page, pages: count, complete, nextPage, rows }) => ({ total, page, count, complete, nextPage, rows: rows.length }))).toEqual([
		{ total: 126, page: 1, count: 2, complete: false, nextPage: 2, rows: 100 },
		{ total: 126, page: 2, count: 2, complete: true, nextPage: undefined, rows: 26 },
	]);
	// The whole list, each time: two Graph pages per tool call.
	expect(graphCalls).toEqual([
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
	]);
	const named = [...answer.matchAll(/ID (\d+)\)/g)].map((match) => match[1]).sort();
	expect(named).toEqual(flagged.map((phone) => phone.id).sort());
	expect(answer).toMatch(/^6 of 126 numbers are flagged: /);
	expectNoSecretsReachedTheModel(requests);
});

test('"What is the health of <number>?": Get Health Status with the phone-number ID the model filled in', async () => {
	// Fleet index 212 (ID 700000000000213): BLOCKED by a locked account.
	const blocked = '700000000000213';

	const { answer, requests, toolCalls, graphCalls } = await ask(`What is the health of ${blocked}?`);

	expect(toolsOffered(requests[0])).toEqual(expectedTools());
	expect(toolCalls).toEqual([{ tool: 'Health_of_a_number', args: { phoneNumberId: blocked } }]);
	expect(graphCalls).toEqual([`GET /v24.0/${blocked} 200`]);
	expect(answer).toMatch(new RegExp(`^Health of ${blocked}: `));
	expect(answer).toContain('BLOCKED');
	expectNoSecretsReachedTheModel(requests);
});

test('"What is the health of +1 204-555-0012?": the number as people write it, found in the list, then its health by ID', async () => {
	const phone = stack.sandbox.state.phoneNumbers.find((candidate) => candidate.display_phone_number === '+1 204-555-0012');
	expect(phone.id).toBe('700000000000213');

	const { answer, requests, toolCalls, graphCalls } = await ask('What is the health of +1 204-555-0012?');

	// Found on the first page: no second page asked for.
	expect(toolCalls).toEqual([
		{ tool: 'List_phone_numbers', args: { wabaId: WABA_ID, page: 1 } },
		{ tool: 'Health_of_a_number', args: { phoneNumberId: phone.id } },
	]);
	expect(graphCalls).toEqual([
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
		`GET /v24.0/${WABA_ID}/phone_numbers 200`,
		`GET /v24.0/${phone.id} 200`,
	]);
	expect(answer).toMatch(/^Health of \+1 204-555-0012: Phone number \+1 204-555-0012 \(700000000000213\) cannot send messages \(BLOCKED\)/);
	expectNoSecretsReachedTheModel(requests);
});

test('"Register <number>": Register called once with the PIN from the node, and its outcome reported', async () => {
	// Fleet index 215: PENDING, its code verified, not registered yet.
	const pending = '700000000000216';
	expect(stack.sandbox.state.phoneNumbers.find((phone) => phone.id === pending)).toMatchObject({ status: 'PENDING', code_verification_status: 'VERIFIED' });

	const { answer, requests, toolCalls, graphCalls } = await ask(`Please register number ${pending}.`);

	expect(toolCalls).toEqual([{ tool: 'Register_a_number', args: { phoneNumberId: pending } }]);
	expect(graphCalls).toEqual([`POST /v24.0/${pending}/register 200`]);
	expect(answer).toBe(`Registered ${pending}: Meta answered success.`);
	expect(stack.sandbox.state.phoneNumbers.find((phone) => phone.id === pending).status).toBe('CONNECTED');
	// What the tool told the model: Meta's answer and the number, never the PIN.
	const toolResult = requests[1].body.messages[requests[1].body.messages.length - 1].content;
	expect(JSON.parse(toolResult)).toEqual([expect.objectContaining({ success: true })]);
	expectNoSecretsReachedTheModel(requests);
});
