/**
 * Business usernames (`@acme`): Meta's format rules, checked before anything is sent, the
 * fields the username operations share, and what Meta's username error codes mean.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Advice } from '../../shared/graphErrors';
import { parameterOf } from '../../shared/parameters';

const USERNAME_MIN_LENGTH = 3;
const USERNAME_MAX_LENGTH = 35;

/**
 * The endings Meta names ("such as .com, .org…"); a username ending in another suffix Meta
 * refuses comes back as Graph error 100, which the node reports with Meta's message.
 */
const DOMAIN_SUFFIXES = ['.com', '.org', '.net', '.int', '.edu', '.gov', '.mil', '.us', '.in', '.html'];

/**
 * A business username as Meta's username rules accept it: 3 to 35 English letters, digits,
 * periods and underscores, at least one letter, no period first, last or twice in a row,
 * not starting with www and not ending like a web address. A leading `@` is dropped, since
 * people write usernames that way; case is kept as typed (Meta compares without case).
 */
export const businessUsername = z
	.string()
	.trim()
	.transform((name) => name.replace(/^@/, ''))
	.superRefine((name, context) => {
		const problem = usernameProblem(name);
		if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
	});

function usernameProblem(name: string): string | undefined {
	if (name.length < USERNAME_MIN_LENGTH || name.length > USERNAME_MAX_LENGTH) {
		return `must be ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters long (it has ${name.length})`;
	}
	if (!/^[A-Za-z0-9._]+$/.test(name)) return 'may contain only English letters, digits, periods (.) and underscores (_)';
	if (!/[A-Za-z]/.test(name)) return 'must contain at least one English letter';
	if (name.startsWith('.') || name.endsWith('.')) return 'must not start or end with a period';
	if (name.includes('..')) return 'must not contain two periods in a row';
	if (/^www/i.test(name)) return 'must not start with www';
	const suffix = DOMAIN_SUFFIXES.find((ending) => name.toLowerCase().endsWith(ending));
	if (suffix) return `must not end with a web-address ending such as ${suffix}`;
	return undefined;
}

export const usernameProperty: INodeProperties = {
	displayName: 'Username',
	name: 'username',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. jasper.market',
	description: `The username for this number, without or with a leading @. ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} English letters, digits, periods and underscores, with at least one letter; no period first, last or twice in a row; not starting with www or ending like a web address (.com, .net…). Meta ignores case when comparing usernames, but my.shop and my_shop are different usernames.`,
};

export const usernameParameter = parameterOf(usernameProperty, businessUsername, {
	hint: 'Enter a username such as jasper.market in "Username"; Get Username Suggestions lists the ones Meta reserved for this business.',
});

export const transferProperty: INodeProperties = {
	displayName: 'Move From Another Number of the Portfolio',
	name: 'transferFromOtherNumber',
	type: 'boolean',
	default: false,
	description:
		'Whether to take the username from another phone number of the same business portfolio that holds it. That number loses the username at once: customers who search for it reach this number from then on. Off: Meta refuses a username another number holds (error 147005).',
};

export const usernameNotice: INodeProperties = {
	displayName: `Each number has at most one username, and each username belongs to one number in all of WhatsApp. Meta decides at once: the answer's status is reserved (accepted, shown once usernames are available in the customer's region) or approved (shown now). Later changes, such as Meta revoking a username, arrive as business_username_updates webhooks. A username is a brand, not a privacy feature: the number stays visible in the business profile.`,
	name: 'usernameNotice',
	type: 'notice',
	default: '',
};

const USERNAME_ADVICE: Record<number, Advice> = {
	147001: {
		message: 'This username is not available',
		action: 'Another business holds it or Meta keeps it back. Choose another username; Get Username Suggestions lists the ones Meta reserved for you.',
	},
	147002: {
		message: 'This phone number is not eligible for a username',
		action: 'Check in WhatsApp Manager that the number is registered and in good standing, and that usernames are open to your business yet.',
	},
	147003: {
		message: 'Meta asks for a linked Facebook account before this username can be claimed',
		action: 'Link the Facebook Page that uses this name to the business portfolio, or choose another username.',
	},
	147004: {
		message: 'Meta asks for a linked Instagram account before this username can be claimed',
		action: 'Link the Instagram account that uses this name to the business portfolio, or choose another username.',
	},
	147005: {
		message: 'Another phone number of this business portfolio holds this username',
		action:
			'To move it here, turn on "Move From Another Number of the Portfolio" and run again: the other number then loses the username. Otherwise choose another username.',
	},
};

/** The username error codes (Meta's username API page); other codes use the general table. */
export function usernameAdvice(graphError: { code?: number }): Advice | undefined {
	return graphError.code === undefined ? undefined : USERNAME_ADVICE[graphError.code];
}

/**
 * `postReceive` of Get Username: Graph omits `username` when the number has none; the item
 * says so in `hasUsername` instead of leaving the user to test for a missing key.
 */
export async function describeUsername(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => {
		const username = item.json.username;
		const hasUsername = typeof username === 'string' && username !== '' && item.json.status !== 'deleted';
		return { ...item, json: { ...item.json, hasUsername } };
	});
}

/** Meta's suggestions come as `{data: [{username_suggestions: [...]}]}`; the item lists them flat. */
export function suggestionsIn(answer: IDataObject): string[] {
	const entries = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
	const names = entries.flatMap((entry) => (Array.isArray(entry.username_suggestions) ? entry.username_suggestions : []));
	return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
}
