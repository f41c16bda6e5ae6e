import type { INodeProperties } from 'n8n-workflow';

/** Shown on Register and Deregister: Meta's limit, and why the node does not retry them. */
export const registrationLimitNotice: INodeProperties = {
	displayName:
		'Each phone number allows 10 register and deregister calls in a rolling 72 hours; after that Meta blocks both for 72 hours. This node never retries them, so a failed call costs one attempt only. Registering sets the PIN as the number\'s two-step PIN; deregistering stops all messaging on the number until it is registered again.',
	name: 'registrationLimitNotice',
	type: 'notice',
	default: '',
};

/** Register and Deregister are sent once: each call counts against Meta's limit. */
export const registrationCallOnce = {
	repeat: 'oneShotWrite',
	oneShotBecause: 'each register or deregister call counts against the limit of 10 per 72 hours',
	outcomeCheck: 'read the number with Get and look at its status before calling again',
} as const;
