/**
 * The nodes as tools of n8n's AI Agent. n8n 2.41 makes a "<Node> Tool" variant of every
 * `usableAsTool` node and gives the model `toolDescription` when the node has one; without it
 * (and without a `resource` parameter) every tool of a node gets the node's whole description.
 * So the variant gets one `toolDescription` per operation, its default that operation's text
 * plus what its repeat class means for a model; users may edit it. n8n shows `@tool` fields
 * only in the variant.
 *
 * A list read by a tool answers in pages of rows without empty fields, each page saying how
 * many rows there are in all and which page comes next, so a model never takes part of a
 * list for all of it and 2,500 numbers never reach it at once.
 */
import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RepeatSafety } from './retryPolicy';

/** Rows in one page of a list answered to a model: about 43 kB of phone numbers with the usual fields. */
export const TOOL_PAGE_SIZE = 100;

export const TOOL_PAGE_PARAMETER = 'toolPage';

/** What a repeat class means for a model choosing and calling the tool. */
const REPEAT_NOTES: Record<RepeatSafety, string> = {
	read: 'Read-only: it changes nothing.',
	idempotentWrite: "It changes state at Meta: call it only when the user asked for this change, and report what it returned.",
	oneShotWrite:
		"It changes state at Meta and counts against Meta's limits: call it once, only when the user asked for exactly this, never repeat it (not even after an error or a timeout), and report its outcome.",
};

/** The text a model reads for an operation: what it does, needs and returns, then its repeat class. */
export function toolDescriptionText(whatItDoes: string, repeat: RepeatSafety): string {
	return `${whatItDoes.trim()} ${REPEAT_NOTES[repeat]}`;
}

/** One `toolDescription` per operation, shown only in the tool variant; its default is the operation's text. */
export function toolDescriptionProperties(operations: Array<{ values: string[]; text: string }>): INodeProperties[] {
	return operations.map(({ values, text }) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		default: text,
		required: true,
		typeOptions: { rows: 4 },
		description:
			'What the model reads to choose this tool and fill its parameters. Filled from the operation; change it to add your own rules.',
		displayOptions: { show: { '@tool': [true], operation: values } },
	}));
}

/**
 * The page a list tool answers, asked by the model through `$fromAI` unless the user sets it.
 * A text field, since n8n's checks want a number field's default to be a number.
 */
export const toolPageProperty: INodeProperties = {
	displayName: 'Page',
	name: TOOL_PAGE_PARAMETER,
	type: 'string',
	default: `={{ $fromAI('page', 'Which page of the list to return: 1 for the first. An answer with complete false gives nextPage.', 'number') }}`,
	description: `The page of the list the model asks for, ${TOOL_PAGE_SIZE} rows each; each answer says how many rows there are in all and whether another page follows`,
	displayOptions: { show: { '@tool': [true] } },
};

/** Whether the node runs as a tool of an AI Agent (n8n names the variant's type `<type>Tool`). */
export function runsAsTool(context: Pick<IExecutePaginationFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** A row without the fields that say nothing, so a page carries more rows for the same tokens. */
function compactRow(json: IDataObject): IDataObject {
	const row: IDataObject = {};
	for (const [key, value] of Object.entries(json)) {
		if (value === null || value === undefined || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
		row[key] = value;
	}
	return row;
}

/**
 * A whole list as one page for the model: the page's rows, how many rows and pages there are,
 * whether this answer completes the list, and how to get the next page when it does not.
 */
export function toolListPage(context: IExecutePaginationFunctions, items: INodeExecutionData[]): INodeExecutionData[] {
	const asked = Number(context.getNodeParameter(TOOL_PAGE_PARAMETER, 1));
	const pages = Math.max(1, Math.ceil(items.length / TOOL_PAGE_SIZE));
	const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
	const rows = items.slice((page - 1) * TOOL_PAGE_SIZE, page * TOOL_PAGE_SIZE).map(({ json }) => compactRow(json));
	const complete = page >= pages;
	const answer: IDataObject = { total: items.length, page, pages, complete, rows };
	if (page > pages) {
		answer.note = `The list has ${items.length} rows in ${pages} page${pages === 1 ? '' : 's'}; page ${page} is past its end.`;
	} else if (!complete) {
		answer.nextPage = page + 1;
		answer.note = `Rows ${(page - 1) * TOOL_PAGE_SIZE + 1} to ${(page - 1) * TOOL_PAGE_SIZE + rows.length} of ${items.length}. Call this tool again with page ${page + 1} for the next rows before answering about the whole list.`;
	}
	return [{ json: answer }];
}
