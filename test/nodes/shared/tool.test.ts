/**
 * The nodes as tools of an AI Agent: the description a model reads for each operation, and
 * a list answered page by page. The tool variant is made as n8n 2.41 makes it (the node's
 * description with `Tool` added to its name; n8n adds its own Tool Description fields only to
 * a node without `toolDescription`), and run through n8n's engine like any node.
 */
import type { INode, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { jsonOf, loadPackage, PACKAGE_NAME, runNode } from '../../harness/engine';
import { graphApi, graphPath, isolateNetwork, testCredentials } from '../../harness/graphMock';
import { byId, DEFAULT_FIELDS, graphPage, numbersFrom, WABA_ID } from '../WhatsAppPhoneNumbers/fixtures';

isolateNetwork();

const ACTION_NODES = [
	'whatsAppPhoneNumbers',
	'whatsAppBusinessAccounts',
	'whatsAppVerification',
	'whatsAppSettings',
	'whatsAppBusinessProfile',
	'whatsAppPreVerifiedNumbers',
	'whatsAppQrCodes',
];

const ONE_SHOT = /counts against Meta's limits: call it once, only when the user asked for exactly this, never repeat it/;
const WRITE = /It changes state at Meta/;
const READ = /Read-only: it changes nothing\.$/;

/** The node's tool variant, as n8n 2.41 derives it from a `usableAsTool` node. */
async function toolVariant(type: string): Promise<INodeType> {
	const base = (await loadPackage()).getNode(type).type as INodeType;
	const description: INodeTypeDescription = {
		...base.description,
		name: `${PACKAGE_NAME}.${type}Tool`,
		displayName: `${base.description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool'],
	};
	return Object.create(base, { description: { value: description } }) as INodeType;
}

function operationsOf(description: INodeTypeDescription): INodePropertyOptions[] {
	const lists = description.properties.filter((property) => property.name === 'operation');
	return (lists[lists.length - 1].options ?? []) as INodePropertyOptions[];
}

/** What n8n hands the model as the tool's description for a node as saved. */
function modelReads(tool: INodeType, parameters: INode['parameters']): string {
	const node: INode = { id: 'tool', name: 'Tool', type: tool.description.name, typeVersion: 1.1, position: [0, 0], parameters };
	node.parameters = NodeHelpers.getNodeParameters(tool.description.properties, node.parameters, true, false, node, tool.description) ?? {};
	return NodeHelpers.getToolDescriptionForNode(node, tool);
}

describe.each(ACTION_NODES)('%s as a tool', (type) => {
	it("tells the model what each operation does, and whether it is read-only, a write, or a one-shot write never to repeat", async () => {
		const tool = await toolVariant(type);
		const operations = operationsOf(tool.description);
		const texts = operations.map(({ value }) => modelReads(tool, { operation: value }));

		// One text per operation, never the node's whole description.
		expect(new Set(texts).size).toBe(operations.length);
		expect(texts).not.toContain(tool.description.description);
		operations.forEach((option, index) => {
			const text = texts[index];
			// Written for the model, not the editor's one-line description with a suffix.
			expect(text.startsWith(String(option.description))).toBe(false);
			expect(text.length).toBeLessThan(600);
			const method = String(option.routing?.request?.method ?? 'GET');
			if (method === 'GET') expect(text).toMatch(READ);
			else expect(text).toMatch(WRITE);
		});
	});

	it('shows its tool fields in the tool variant only, so the node itself is unchanged', async () => {
		const base = (await loadPackage()).getNode(type).type as INodeType;
		const tool = await toolVariant(type);
		const [operation] = operationsOf(base.description);
		const nodeOf = (description: INodeTypeDescription): INode => ({
			id: 'n',
			name: 'N',
			type: description.name,
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { operation: operation.value },
		});
		const shown = (description: INodeTypeDescription) =>
			Object.keys(NodeHelpers.getNodeParameters(description.properties, { operation: operation.value }, true, false, nodeOf(description), description) ?? {});

		expect(shown(tool.description)).toContain('toolDescription');
		expect(shown({ ...base.description, name: `${PACKAGE_NAME}.${type}` })).not.toContain('toolDescription');
	});
});

describe('WhatsApp Phone Numbers as a tool: descriptions', () => {
	it.each([
		['register', ONE_SHOT],
		['deregister', ONE_SHOT],
		['migrateFromWaba', ONE_SHOT],
		['changeDisplayName', ONE_SHOT],
		['create', ONE_SHOT],
		['applyOfficialBusinessAccount', ONE_SHOT],
		['setCallbackOverride', WRITE],
		['getAll', READ],
		['getHealthStatus', READ],
	])('%s: %s', async (operation, expected) => {
		expect(modelReads(await toolVariant('whatsAppPhoneNumbers'), { operation })).toMatch(expected);
	});

	it.each([
		['whatsAppVerification', 'requestCode'],
		['whatsAppVerification', 'verifyCode'],
		['whatsAppPreVerifiedNumbers', 'requestCode'],
		['whatsAppPreVerifiedNumbers', 'verifyCode'],
	])('%s %s is a one-shot write', async (type, operation) => {
		expect(modelReads(await toolVariant(type), { operation })).toMatch(ONE_SHOT);
	});

	it('reads the operation’s text in full', async () => {
		expect(modelReads(await toolVariant('whatsAppPhoneNumbers'), { operation: 'getHealthStatus' })).toBe(
			'Tells whether a phone number (by phone-number ID, digits) or a WABA can send messages (AVAILABLE, LIMITED or BLOCKED), with Meta\'s reasons and fixes and a one-line summary. Use it for "what is wrong with" or "can it send" questions. Read-only: it changes nothing.',
		);
	});

	it('keeps a description the user wrote, as n8n saves it', async () => {
		const own = 'Only for the Acme numbers. Ask before registering.';

		expect(modelReads(await toolVariant('whatsAppPhoneNumbers'), { operation: 'register', toolDescription: own })).toBe(own);
	});

	it('keeps what a workflow saved with n8n’s own Tool Description fields says', async () => {
		const tool = await toolVariant('whatsAppPhoneNumbers');
		const own = 'Check one number.';

		// "Set Manually" with the user's text: the text.
		expect(modelReads(tool, { operation: 'getHealthStatus', descriptionType: 'manual', toolDescription: own })).toBe(own);
		// "Set Automatically": now the operation's own text, not the node's whole description.
		expect(modelReads(tool, { operation: 'getHealthStatus', descriptionType: 'auto' })).toBe(
			modelReads(tool, { operation: 'getHealthStatus' }),
		);
		expect(modelReads(tool, { operation: 'getHealthStatus', descriptionType: 'auto' })).toMatch(/^Tells whether a phone number/);
	});

	it('offers the model a Page for every list, and Return All / Limit to none', async () => {
		const tool = await toolVariant('whatsAppPhoneNumbers');
		const node: INode = { id: 't', name: 'T', type: tool.description.name, typeVersion: 1, position: [0, 0], parameters: {} };
		const shown = (operation: string) =>
			NodeHelpers.getNodeParameters(tool.description.properties, { operation }, true, false, node, tool.description) ?? {};

		expect(shown('getAll')).toMatchObject({ toolPage: expect.stringContaining("$fromAI('page'") });
		expect(shown('getAll')).not.toHaveProperty('returnAll');
		expect(shown('getAll')).not.toHaveProperty('limit');
		expect(shown('getAllAcrossWabas')).toHaveProperty('toolPage');
		expect(shown('getHealthStatus')).not.toHaveProperty('toolPage');
	});
});

describe('WhatsApp Phone Numbers as a tool: a list, page by page', () => {
	const LIST_PATH = graphPath(`/${WABA_ID}/phone_numbers`);
	// 126 numbers; Graph gives them in two pages of 100 and 26.
	const numbers = numbersFrom(1, 126).map((number, index) => ({ ...number, name_status: index === 5 ? null : 'APPROVED' }));

	function graphAnswersTheWholeList() {
		return graphApi()
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100' })
			.reply(200, graphPage(numbers.slice(0, 100), 'cursor-1'))
			.get(LIST_PATH)
			.query({ fields: DEFAULT_FIELDS, limit: '100', after: 'cursor-1' })
			.reply(200, graphPage(numbers.slice(100), 'cursor-2', { last: true }));
	}

	async function askForPage(page: number | string) {
		const tool = await toolVariant('whatsAppPhoneNumbers');
		// The node as saved: Return All and Limit left at their defaults (off, 50), which a tool does not use.
		return await runNode({
			type: tool.description.name,
			otherNodeTypes: { [tool.description.name]: tool },
			parameters: { operation: 'getAll', wabaId: byId(WABA_ID), toolPage: page },
			credentials: testCredentials,
		});
	}

	it('reads the whole list and answers the first 100 rows, saying there are 126 and that page 2 follows', async () => {
		const graph = graphAnswersTheWholeList();

		const { items, error } = await askForPage(1);

		expect(error).toBeUndefined();
		expect(graph.isDone()).toBe(true);
		expect(items).toHaveLength(1);
		const [answer] = jsonOf(items);
		expect(answer).toMatchObject({ total: 126, page: 1, pages: 2, complete: false, nextPage: 2 });
		expect(answer.note).toBe('Rows 1 to 100 of 126. Call this tool again with page 2 for the next rows before answering about the whole list.');
		const rows = answer.rows as Array<Record<string, unknown>>;
		expect(rows).toHaveLength(100);
		expect(rows[0]).toEqual({ ...numbers[0], phoneNumberId: numbers[0].id });
		// A field Graph sent empty is left out of the row.
		expect(rows[5]).not.toHaveProperty('name_status');
	});

	it('answers the last page complete, with the 26 remaining rows', async () => {
		const graph = graphAnswersTheWholeList();

		const { items, error } = await askForPage('2');

		expect(error).toBeUndefined();
		expect(graph.isDone()).toBe(true);
		const [answer] = jsonOf(items);
		expect(answer).toMatchObject({ total: 126, page: 2, pages: 2, complete: true });
		expect(answer).not.toHaveProperty('nextPage');
		expect((answer.rows as Array<{ id: string }>).map((row) => row.id)).toEqual(numbers.slice(100).map((number) => number.id));
	});

	it('says so when the page asked for is past the end', async () => {
		graphAnswersTheWholeList();

		const [answer] = jsonOf((await askForPage(3)).items);

		expect(answer).toMatchObject({ total: 126, page: 3, pages: 2, complete: true, rows: [] });
		expect(answer.note).toBe('The list has 126 rows in 2 pages; page 3 is past its end.');
	});
});
