/**
 * Conversational automation (Meta's "conversational components"): the welcome message
 * switch, ice breakers and commands, with Meta's counts and lengths checked before sending.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parameterOf, parseParameter } from '../../shared/parameters';

/** Meta: up to 4 ice breakers of 80 characters; up to 30 commands, name 32 and description 256 characters; no emojis. */
export const AUTOMATION_LIMITS = {
	promptsMax: 4,
	promptMax: 80,
	commandsMax: 30,
	commandNameMax: 32,
	commandDescriptionMax: 256,
} as const;

export const AUTOMATION_FIELDS_PARAMETER = 'automationFields';

const characters = (text: string) => [...text].length;
const EMOJI = /\p{Extended_Pictographic}/u;

type Issue = (message: string) => void;

function checkText(text: string, what: string, max: number, problem: Issue): boolean {
	if (!text) return problem(`${what} is empty`), false;
	if (characters(text) > max) return problem(`${what} has ${characters(text)} characters; at most ${max} are allowed`), false;
	if (EMOJI.test(text)) return problem(`${what} contains an emoji, which Meta does not support here`), false;
	return true;
}

/** Ice breakers typed one per line, or an array from an expression. */
const prompts = z
	.union([z.string(), z.array(z.string())])
	.transform((value) => (Array.isArray(value) ? value : value.split('\n')).map((prompt) => prompt.trim()).filter(Boolean))
	.superRefine((list, context) => {
		const problem: Issue = (message) => context.addIssue({ code: z.ZodIssueCode.custom, message });
		if (list.length > AUTOMATION_LIMITS.promptsMax) return problem(`may hold at most ${AUTOMATION_LIMITS.promptsMax} ice breakers; ${list.length} given`);
		list.every((prompt, index) => checkText(prompt, `are not valid: ice breaker ${index + 1}`, AUTOMATION_LIMITS.promptMax, problem));
	});

interface Command {
	command_name: string;
	command_description: string;
}

/** The Commands rows (`{command: [{name, description}]}`), in Meta's shape. */
const commands = z
	.object({ command: z.array(z.object({ name: z.string().default(''), description: z.string().default('') })).default([]) })
	.transform(({ command }): Command[] =>
		command.map(({ name, description }) => ({
			// WhatsApp shows the slash itself; a typed one would show twice.
			command_name: name.trim().replace(/^\//, ''),
			command_description: description.trim(),
		})),
	)
	.superRefine((list, context) => {
		const problem: Issue = (message) => context.addIssue({ code: z.ZodIssueCode.custom, message });
		if (list.length > AUTOMATION_LIMITS.commandsMax) return problem(`may hold at most ${AUTOMATION_LIMITS.commandsMax} commands; ${list.length} given`);
		const valid = list.every(
			({ command_name, command_description }, index) =>
				checkText(command_name, `are not valid: the name of command ${index + 1}`, AUTOMATION_LIMITS.commandNameMax, problem) &&
				checkText(command_description, `are not valid: the description of command ${index + 1} (/${command_name})`, AUTOMATION_LIMITS.commandDescriptionMax, problem),
		);
		const names = list.map(({ command_name }) => command_name);
		const repeated = names.find((name, index) => names.indexOf(name) !== index);
		if (valid && repeated !== undefined) problem(`must not repeat a command name; /${repeated} is there twice`);
	});

const welcomeProperty: INodeProperties = {
	displayName: 'Welcome Message',
	name: 'enableWelcomeMessage',
	type: 'boolean',
	default: true,
	description:
		"Whether Meta tells you (a request_welcome message webhook) when a customer opens a chat for the first time, so a workflow can greet them. Meta's documentation says welcome messages do not always work as intended.",
};

const promptsProperty: INodeProperties = {
	displayName: 'Ice Breakers',
	name: 'prompts',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'Plan a trip\nTrack my order',
	description: `Tappable questions shown in a new chat, one per line: up to ${AUTOMATION_LIMITS.promptsMax}, ${AUTOMATION_LIMITS.promptMax} characters each, no emojis. They replace the current ones; empty removes them all.`,
};

const commandsProperty: INodeProperties = {
	displayName: 'Commands',
	name: 'commands',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Command',
	description: `Commands customers see when they type / : up to ${AUTOMATION_LIMITS.commandsMax}. They replace the current ones; none removes them all.`,
	options: [
		{
			displayName: 'Command',
			name: 'command',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. track',
					description: `The command without the slash, up to ${AUTOMATION_LIMITS.commandNameMax} characters, no emojis`,
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'e.g. Track your latest order',
					description: `What the command does, up to ${AUTOMATION_LIMITS.commandDescriptionMax} characters, no emojis`,
				},
			],
		},
	],
};

const automationChecks = [
	{ property: commandsProperty, schema: commands, sendAs: 'commands', hint: `Give each command a name (up to ${AUTOMATION_LIMITS.commandNameMax} characters) and a description (up to ${AUTOMATION_LIMITS.commandDescriptionMax}), without emojis; at most ${AUTOMATION_LIMITS.commandsMax} commands.` },
	{ property: promptsProperty, schema: prompts, sendAs: 'prompts', hint: `Enter up to ${AUTOMATION_LIMITS.promptsMax} ice breakers, one per line, each up to ${AUTOMATION_LIMITS.promptMax} characters without emojis.` },
	{ property: welcomeProperty, schema: z.boolean({ invalid_type_error: 'must be true or false' }), sendAs: 'enable_welcome_message' },
].map(({ property, schema, sendAs, hint }) => ({
	sendAs,
	field: parameterOf(property, schema as z.ZodType<unknown, z.ZodTypeDef, unknown>, { parameter: `${AUTOMATION_FIELDS_PARAMETER}.${property.name}`, hint }),
}));

export const automationFieldsCollection: INodeProperties = {
	displayName: 'Automation Fields',
	name: AUTOMATION_FIELDS_PARAMETER,
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'The parts to change; parts not added here stay as they are',
	options: [commandsProperty, promptsProperty, welcomeProperty],
};

/** The parts the user added, checked, keyed as Meta names them. */
export function setAutomationFields(context: IExecuteSingleFunctions): IDataObject {
	const values = context.getNodeParameter(AUTOMATION_FIELDS_PARAMETER, {}) as IDataObject;
	const sent: IDataObject = {};
	for (const { field, sendAs } of automationChecks) {
		const name = field.parameter.slice(AUTOMATION_FIELDS_PARAMETER.length + 1);
		if (values[name] === undefined) continue;
		sent[sendAs] = parseParameter(context.getNode(), field, values[name]) as IDataObject[string];
	}
	return sent;
}

/** Meta's `conversational_automation` object, with the parts it leaves out when unset filled in. */
export function automationOf(phoneNumber: IDataObject): IDataObject {
	const automation = (phoneNumber.conversational_automation ?? {}) as IDataObject;
	return {
		enable_welcome_message: automation.enable_welcome_message === true,
		prompts: automation.prompts ?? [],
		commands: automation.commands ?? [],
		...automation,
	};
}
