'use strict';
/**
 * A stand-in for an OpenAI chat model, for n8n's AI Agent in the e2e tests and `npm start`:
 * an OpenAI-compatible `POST /v1/chat/completions` on 127.0.0.1 that plays a careful fleet
 * assistant by rules instead of weights. It picks tools by their descriptions (as a model
 * would), fills their parameters from the question, follows a list's pages until the answer
 * says it is complete, calls a write once, and answers from what the tools returned.
 *
 *   "Which numbers are flagged?"              → the phone-number list, every page → the FLAGGED rows
 *   "What is the health of 700000000000214?"  → Get Health Status with that ID → its summary
 *   "What is the health of +1 204-555-0012?"  → the list until that number's row → Get Health Status with its ID
 *   "Register 700000000000216"                → Register once with that ID → its outcome
 *   "Which pre-verified numbers lapse soon?"  → Get Due for Re-Verification, every page → the numbers
 *
 * Every request is kept (`requests`), so a test can check the tools offered, the calls made
 * and everything that reached the "model".
 */
const http = require('node:http');

const HOST = '127.0.0.1';

/** The tool whose description matches, as a model reading the descriptions would choose. */
function toolFor(tools, pattern) {
	return tools.find((tool) => pattern.test(tool.function.description ?? ''));
}

const TOOL_PATTERNS = {
	list: /^Lists the business phone numbers of one WhatsApp Business Account/,
	health: /can send messages \(AVAILABLE, LIMITED or BLOCKED\)/,
	register: /^Registers a verified phone number/,
	lapsing: /whose verification lapses soon or has lapsed/,
};

/** The calls made so far in this conversation, with their results, in order. */
function toolExchanges(messages) {
	const results = new Map(messages.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, m.content]));
	return messages
		.filter((m) => m.role === 'assistant' && Array.isArray(m.tool_calls))
		.flatMap((m) => m.tool_calls)
		.map((call) => ({ name: call.function.name, args: JSON.parse(call.function.arguments || '{}'), result: parseResult(results.get(call.id)) }));
}

function parseResult(content) {
	const text = Array.isArray(content) ? content.map((part) => part.text ?? '').join('') : content;
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A tool's answer as one object: n8n hands the model the node's output items as an array. */
function firstItem(result) {
	return Array.isArray(result) ? result[0] : result;
}

/** The first Graph ID (digits) in a text after a word, such as `WABA 600000000000003`. */
function idAfter(text, word) {
	const match = new RegExp(`${word}\\D{0,20}(\\d{6,})`, 'i').exec(text);
	return match?.[1];
}

/** Arguments for a tool from what its schema asks: the page, an ID from the conversation. */
function argumentsFor(tool, { page, phoneNumberId, wabaId }) {
	const args = {};
	for (const name of Object.keys(tool.function.parameters?.properties ?? {})) {
		if (/page/i.test(name)) args[name] = page ?? 1;
		else if (/phone/i.test(name)) args[name] = phoneNumberId;
		else if (/waba/i.test(name)) args[name] = wabaId;
	}
	return args;
}

/**
 * The next step of the conversation: a tool call, or the final answer. Rules, in the order a
 * careful assistant would think: what was asked, which tool says it answers that, what the
 * tool results so far say.
 */
function nextStep({ messages, tools = [] }) {
	const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
	const questionText = Array.isArray(question) ? question.map((part) => part.text ?? '').join('') : String(question);
	const context = messages.filter((m) => m.role === 'system' || m.role === 'user').map((m) => String(m.content)).join('\n');
	const done = toolExchanges(messages);
	const wabaId = idAfter(context, 'WABA');

	/** A list tool's pages so far, and the call for the next one while the last says it is partial. */
	const readList = (tool) => {
		const pages = done.filter((call) => call.name === tool.function.name).map((call) => firstItem(call.result));
		const last = pages[pages.length - 1];
		if (!last || (last.complete === false && last.nextPage)) {
			return { next: { call: tool, args: argumentsFor(tool, { page: last ? last.nextPage : 1, wabaId }) } };
		}
		return { rows: pages.flatMap((page) => page.rows ?? []), total: last.total };
	};

	if (/lapse|re-?verif|expir/i.test(questionText)) {
		const tool = toolFor(tools, TOOL_PATTERNS.lapsing);
		if (!tool) return { answer: 'I have no tool that lists the pre-verified numbers due for re-verification.' };
		const list = readList(tool);
		if (list.next) return list.next;
		return { answer: `${list.total} pre-verified numbers are due: ${list.rows.map((row) => row.phone_number ?? row.id).join(', ')}.` };
	}

	if (/flagged/i.test(questionText)) {
		const tool = toolFor(tools, TOOL_PATTERNS.list);
		if (!tool) return { answer: 'I have no tool that lists the phone numbers.' };
		const list = readList(tool);
		if (list.next) return list.next;
		const flagged = list.rows.filter((row) => row.status === 'FLAGGED');
		const names = flagged.map((row) => `${row.display_phone_number} (${row.verified_name}, ID ${row.id})`);
		return {
			answer: `${flagged.length} of ${list.total} numbers are flagged: ${names.join('; ')}.`,
		};
	}

	let phoneNumberId = idAfter(questionText, '(?:health of|register|number)');
	if (/health/i.test(questionText)) {
		const tool = toolFor(tools, TOOL_PATTERNS.health);
		if (!tool) return { answer: 'I have no tool that reads the health of a number.' };
		// A number as people write it (+1 204-555-0012): its phone-number ID is found in the WABA's list first.
		const written = phoneNumberId ? undefined : /\+?\d[\d\s().-]{6,}\d/.exec(questionText)?.[0];
		if (written) {
			const list = toolFor(tools, TOOL_PATTERNS.list);
			if (!list) return { answer: `I need the phone-number ID of ${written}, and I have no tool that lists the numbers.` };
			const pages = done.filter((call) => call.name === list.function.name).map((call) => firstItem(call.result));
			const digits = written.replace(/\D/g, '');
			const row = pages.flatMap((page) => page.rows ?? []).find((r) => String(r.display_phone_number ?? '').replace(/\D/g, '') === digits);
			const last = pages[pages.length - 1];
			if (!row && (!last || (last.complete === false && last.nextPage))) {
				return { call: list, args: argumentsFor(list, { page: last ? last.nextPage : 1, wabaId }) };
			}
			if (!row) return { answer: `WABA ${wabaId} has no number ${written}.` };
			phoneNumberId = String(row.id);
		}
		const call = done.find((exchange) => exchange.name === tool.function.name);
		if (!call) return { call: tool, args: argumentsFor(tool, { phoneNumberId }) };
		const health = firstItem(call.result);
		return { answer: `Health of ${written ?? phoneNumberId}: ${health?.summary ?? JSON.stringify(health)}` };
	}

	if (/register/i.test(questionText)) {
		const tool = toolFor(tools, TOOL_PATTERNS.register);
		if (!tool) return { answer: 'I have no tool that registers a number; ask a person to do it.' };
		const call = done.find((exchange) => exchange.name === tool.function.name);
		// A one-shot write: called once, whatever it answered.
		if (!call) return { call: tool, args: argumentsFor(tool, { phoneNumberId }) };
		const outcome = firstItem(call.result);
		return {
			answer:
				outcome && outcome.success === true
					? `Registered ${phoneNumberId}: Meta answered success.`
					: `Registering ${phoneNumberId} did not succeed: ${typeof call.result === 'string' ? call.result : JSON.stringify(call.result)}`,
		};
	}

	const offered = tools.map((tool) => `${tool.function.name}: ${tool.function.description}`).join('\n');
	return { answer: `I can answer with these tools:\n${offered}` };
}

function completion(model, step, id) {
	const message = step.answer !== undefined
		? { role: 'assistant', content: step.answer }
		: {
				role: 'assistant',
				content: null,
				tool_calls: [{ id: `call_${id}`, type: 'function', function: { name: step.call.function.name, arguments: JSON.stringify(step.args) } }],
			};
	return {
		id: `chatcmpl-standin-${id}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, finish_reason: step.answer !== undefined ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same completion as the server-sent events of a streamed answer. */
function streamed(body) {
	const { message, finish_reason } = body.choices[0];
	const chunk = (delta, finish = null) =>
		`data: ${JSON.stringify({ id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
	const delta = message.tool_calls
		? { role: 'assistant', tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
		: { role: 'assistant', content: message.content };
	return `${chunk(delta)}${chunk({}, finish_reason)}data: ${JSON.stringify({ ...body, object: 'chat.completion.chunk', choices: [], usage: body.usage })}\n\ndata: [DONE]\n\n`;
}

async function readJson(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const text = Buffer.concat(chunks).toString('utf8');
	return { text, json: text ? JSON.parse(text) : {} };
}

/** Starts the stand-in; `url` is the Base URL for n8n's OpenAI credential (`…/v1`). */
async function startModelStandIn({ port = 0 } = {}) {
	const requests = [];
	let counter = 0;
	const server = http.createServer((req, res) => {
		readJson(req)
			.then(({ text, json }) => {
				const path = new URL(req.url, `http://${HOST}`).pathname;
				if (req.method === 'GET' && path === '/v1/models') {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ object: 'list', data: [{ id: 'stand-in', object: 'model', owned_by: 'n8n-nodes-whatsapp-phone-numbers' }] }));
					return;
				}
				if (req.method !== 'POST' || path !== '/v1/chat/completions') {
					res.writeHead(404, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: { message: `The stand-in answers POST /v1/chat/completions, not ${req.method} ${path}` } }));
					return;
				}
				const step = nextStep(json);
				const body = completion(json.model ?? 'stand-in', step, ++counter);
				requests.push({ raw: text, body: json, headers: req.headers, answer: body.choices[0].message });
				if (json.stream) {
					res.writeHead(200, { 'content-type': 'text/event-stream' });
					res.end(streamed(body));
				} else {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(body));
				}
			})
			.catch((error) => {
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: error.message } }));
			});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, resolve);
	});
	const origin = `http://${HOST}:${server.address().port}`;
	return {
		url: `${origin}/v1`,
		port: server.address().port,
		requests,
		reset() {
			requests.length = 0;
		},
		async stop() {
			await new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections?.();
			});
		},
	};
}

module.exports = { startModelStandIn, nextStep, TOOL_PATTERNS };
