'use strict';

/**
 * Business usernames, as Meta's username API page describes them: `GET/POST/DELETE
 * /<PHONE_NUMBER_ID>/username` and `GET /<PHONE_NUMBER_ID>/username_suggestions`. One
 * username per number, each username on one number in all of WhatsApp (compared without
 * case); moving it between numbers of one business portfolio takes `transfer_action:
 * force_transfer`.
 */
const { GraphError, errors } = require('./errors');

const TRANSFER_ACTIONS = ['none', 'force_transfer'];
/** Meta's examples of endings a username must not have ("such as"). */
const DOMAIN_SUFFIXES = ['.com', '.org', '.net', '.int', '.edu', '.gov', '.mil', '.us', '.in', '.html'];
const REGISTERED_STATUSES = ['CONNECTED', 'FLAGGED', 'RESTRICTED', 'RATE_LIMITED'];

const usernameErrors = {
	notAvailable: (name) => new GraphError({ code: 147001, message: `(#147001) The username ${name} is not available` }),
	notEligible: () => new GraphError({ code: 147002, message: '(#147002) This account is not eligible to request a username' }),
	transferRequired: (name) =>
		new GraphError({
			code: 147005,
			message: `(#147005) The username ${name} belongs to another phone number in this business portfolio. Use transfer_action force_transfer to move it.`,
		}),
	notRegistered: () => new GraphError({ code: 133010, message: '(#133010) Account not registered' }),
};

/** Meta's format rules; Graph answers a broken one with error 100. */
function formatProblem(name) {
	if (name.length < 3 || name.length > 35) return 'must be 3 to 35 characters';
	if (!/^[A-Za-z0-9._]+$/.test(name)) return 'may contain only English letters, digits, periods and underscores';
	if (!/[A-Za-z]/.test(name)) return 'must contain at least one English letter';
	if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) return 'must not start or end with a period or contain consecutive periods';
	if (/^www/i.test(name)) return 'must not start with www';
	if (DOMAIN_SUFFIXES.some((suffix) => name.toLowerCase().endsWith(suffix))) return 'must not end with a domain suffix';
	return undefined;
}

function businessIdOf(world, phone) {
	return world.wabas.get(phone.waba_id)?.business_id;
}

function holderOf(world, name) {
	const key = name.toLowerCase();
	return [...world.phones.values()].find((phone) => phone.sandbox.username?.username.toLowerCase() === key);
}

/** Names Meta holds back for businesses (fixture `settings.reservedUsernames`), unless they are this business's suggestions. */
function heldBackFor(world, businessId, name) {
	const key = name.toLowerCase();
	const reserved = (world.settings.reservedUsernames ?? []).map((entry) => String(entry).toLowerCase());
	return reserved.includes(key) && !suggestionsOf(world, businessId).some((suggestion) => suggestion.toLowerCase() === key);
}

/** The business's reserved suggestions (fixture `usernameSuggestions`), or ones made from its name. */
function suggestionsOf(world, businessId) {
	const business = world.businesses.get(businessId);
	if (!business) return [];
	if (business.sandbox.usernameSuggestions) return business.sandbox.usernameSuggestions;
	const words = String(business.name ?? '').toLowerCase().replace(/[^a-z0-9\s]/g, '').split(/\s+/).filter(Boolean);
	return words.length ? [...new Set([words.join(''), words.join('_'), words.join('.')])] : [];
}

function handleUsername(world, request, phone) {
	const { method, params } = request;
	if (method === 'GET') {
		const held = phone.sandbox.username;
		return held ? { username: held.username, status: held.status } : {};
	}
	if (method === 'DELETE') {
		phone.sandbox.username = undefined;
		return { success: true };
	}
	if (method !== 'POST') throw errors.unsupported(method, phone.id);
	const name = params.username === undefined ? '' : String(params.username).trim();
	if (!name) throw errors.invalidParameter('The parameter username is required');
	const problem = formatProblem(name);
	if (problem) throw errors.invalidParameter(`Param username ${problem}`);
	const transferAction = params.transfer_action === undefined ? 'none' : String(params.transfer_action);
	if (!TRANSFER_ACTIONS.includes(transferAction)) {
		throw errors.invalidParameter(`Param transfer_action must be one of {${TRANSFER_ACTIONS.join(', ')}}`);
	}
	if (!REGISTERED_STATUSES.includes(phone.status)) throw usernameErrors.notRegistered();
	if (phone.sandbox.usernameEligible === false) throw usernameErrors.notEligible();
	const businessId = businessIdOf(world, phone);
	const holder = holderOf(world, name);
	if (holder && holder.id !== phone.id) {
		if (businessIdOf(world, holder) !== businessId) throw usernameErrors.notAvailable(name);
		if (transferAction !== 'force_transfer') throw usernameErrors.transferRequired(name);
		holder.sandbox.username = undefined;
	} else if (!holder && heldBackFor(world, businessId, name)) {
		throw usernameErrors.notAvailable(name);
	}
	// Meta: reserved until usernames are available in the users' region, then approved.
	const status = world.settings.usernamesVisible ? 'approved' : 'reserved';
	phone.sandbox.username = { username: name, status };
	return { status };
}

function handleUsernameSuggestions(world, request, phone) {
	if (request.method !== 'GET') throw errors.unsupported(request.method, phone.id);
	const businessId = businessIdOf(world, phone);
	const free = suggestionsOf(world, businessId).filter((name) => {
		const holder = holderOf(world, name);
		return !holder || holder.id === phone.id;
	});
	return { data: [{ username_suggestions: free }] };
}

module.exports = { handleUsername, handleUsernameSuggestions, formatProblem };
