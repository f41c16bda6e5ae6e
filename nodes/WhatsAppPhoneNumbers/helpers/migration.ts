/**
 * Migrating a registered number from another WABA: Meta's preconditions, the steps after
 * the request, and what each refusal means. Meta's error page lists the refusals by their
 * text, and its codes only in part, so a refusal is recognised by its code where known and
 * otherwise by Meta's wording.
 */
import type { Advice, GraphError } from '../../shared/graphErrors';

export const MIGRATION_PRECONDITIONS =
	'Before migrating: two-step verification must be turned off on the number in its current WABA (WhatsApp Manager › Phone numbers › Settings › Two-step verification; the API cannot turn it off), the destination WABA must be approved, its business portfolio verified, and the app subscribed to the destination WABA\'s webhooks. The number keeps its display name, quality rating, messaging limit, Official Business Account status and its approved high-quality templates.';

export const MIGRATION_NEXT_STEPS =
	'The number stays with its current WABA until it is registered here. Run Request Code and then Verify Code on phoneNumberId (WhatsApp Verification node), then Register it with a new six-digit PIN (WhatsApp Phone Numbers › Register), which becomes its two-step verification PIN.';

/** Meta's code for "already present in your WhatsApp account" (reported in the subcode). */
const ALREADY_PRESENT_CODE = 2388012;

type Refusal = { codes?: number[]; wording: RegExp; advice: Advice };

const REFUSALS: Refusal[] = [
	{
		wording: /two[- ]step/i,
		advice: {
			message: 'Migration refused: two-step verification is still on for this number in its current WABA',
			action:
				'Ask the owner of the current WABA to turn two-step verification off (WhatsApp Manager › Phone numbers › Settings › Two-step verification; the API cannot turn it off), then run Migrate again.',
		},
	},
	{
		codes: [ALREADY_PRESENT_CODE],
		wording: /already present/i,
		advice: {
			message: 'Migration refused: the number is already in the destination WABA',
			action: 'Nothing to migrate: list the WABA\'s numbers (Get Many) to find its phoneNumberId, or check the destination WABA ID.',
		},
	},
	{
		wording: /business verification|business (portfolio )?(is )?not verified/i,
		advice: {
			message: "Migration refused: the destination WABA's business portfolio is not verified",
			action: 'Complete business verification in Meta Business Suite (Security Center), then run Migrate again.',
		},
	},
	{
		wording: /not (been )?approved|review status|account_review_status/i,
		advice: {
			message: 'Migration refused: the destination WABA is not approved',
			action:
				"Wait until the destination WABA's review status is APPROVED (WhatsApp Business Accounts › Get shows account_review_status), then run Migrate again.",
		},
	},
	{
		wording: /webhooks have not been set up/i,
		advice: {
			message: "Migration refused: the app is not subscribed to the destination WABA's webhooks",
			action: 'Subscribe the app to the destination WABA (WhatsApp Business Accounts › Subscribe App), then run Migrate again.',
		},
	},
	{
		wording: /eligible to be added directly/i,
		advice: {
			message: 'Migration refused: this number is not registered on another WABA, so there is nothing to migrate',
			action: 'Add it with Create instead, then verify and register it.',
		},
	},
];

/** What a Graph error means for a migration; undefined leaves it to the general table. */
export function migrationAdvice(graphError: GraphError): Advice | undefined {
	const said = [graphError.message, graphError.error_user_title, graphError.error_user_msg, graphError.error_data?.details]
		.filter(Boolean)
		.join(' ');
	const refusal = REFUSALS.find(
		({ codes, wording }) =>
			codes?.some((code) => code === graphError.error_subcode || code === graphError.code) || wording.test(said),
	);
	return refusal?.advice;
}
