/** Types for the sandbox's webhook payload builders (plain CommonJS in webhooks.js). */
export interface WebhookChange {
	field: string;
	value: Record<string, any>;
}

export interface WebhookPayload {
	object: string;
	entry: Array<{ id: string; time: number; changes: WebhookChange[] }>;
}

export interface DeliveryResult {
	url: string;
	signature: 'valid' | 'forged' | 'none';
	count: number;
	rawBody: string;
	signatureHeader?: string;
	statusCounts: Record<string, number>;
	deliveries: Array<{ index: number; status: number; ms?: number; body?: string; error?: string }>;
}

type Time = { time?: number };
type OnWaba = { wabaId: string } & Time;
type OnNumber = OnWaba & { displayPhoneNumber: string };
type OnMessages = OnNumber & { phoneNumberId: string };

export function signBody(rawBody: string | Buffer, appSecret: string): string;
export function signBodySha1(rawBody: string | Buffer, appSecret: string): string;
export function envelope(input: { entryId: string; field: string; value: Record<string, unknown>; time?: number; object?: string }): WebhookPayload;
export function phoneNumberQualityUpdate(
	input: OnNumber & { event?: string; currentLimit?: string; oldLimit?: string; maxDailyConversationsPerBusiness?: number | string },
): WebhookPayload;
export function businessCapabilityUpdate(
	input: OnWaba & {
		maxDailyConversationPerPhone?: number;
		maxDailyConversationsPerBusiness?: number | string;
		maxPhoneNumbersPerBusiness?: number;
		maxPhoneNumbersPerWaba?: number;
	},
): WebhookPayload;
export function accountUpdate(
	input: Partial<OnWaba> & {
		entryId?: string;
		event?: string;
		phoneNumber?: string;
		banInfo?: Record<string, unknown>;
		violationInfo?: Record<string, unknown>;
		restrictionInfo?: Array<Record<string, unknown>>;
		wabaInfo?: Record<string, unknown>;
	},
): WebhookPayload;
export function phoneNumberNameUpdate(
	input: OnNumber & { decision?: string; requestedVerifiedName?: string; rejectionReason?: string },
): WebhookPayload;
export function security(input: OnNumber & { event?: string; requester?: string }): WebhookPayload;
export function accountAlerts(
	input: OnWaba & {
		phoneNumberId?: string;
		businessId?: string;
		alertType?: string;
		entityType?: string;
		entityId?: string;
		severity?: string;
		status?: string;
		description?: string;
	},
): WebhookPayload;
export function accountReviewUpdate(input: OnWaba & { decision?: string }): WebhookPayload;
export function identityMessage(
	input: OnMessages & { waId?: string; profileName?: string; identityKeyHash?: string; text?: string },
): WebhookPayload;
export function identitySystemMessage(
	input: OnMessages & { waId?: string; identityHash?: string; acknowledged?: boolean },
): WebhookPayload;
export function identityMismatchStatus(
	input: OnMessages & { recipientId?: string; recipientIdentityKeyHash?: string },
): WebhookPayload;
export function partnerEvent(
	input: Time & {
		wabaId: string;
		businessId: string;
		ownerBusinessId?: string;
		event?: string;
		solutionId?: string;
		partnerBusinessIds?: string[];
		partnerAppId?: string;
		adAccountId?: string;
		disconnectionInfo?: Record<string, unknown>;
	},
): WebhookPayload;
export function messageTemplateStatusUpdate(
	input: OnWaba & {
		event?: string;
		templateId?: number | string;
		templateName?: string;
		language?: string;
		category?: string;
		reason?: string | null;
		otherInfo?: Record<string, unknown>;
		disableDate?: number | string;
		rejectionInfo?: Record<string, unknown>;
	},
): WebhookPayload;
export function messageTemplateQualityUpdate(
	input: OnWaba & { previousQualityScore?: string; newQualityScore?: string; templateId?: number | string; templateName?: string; language?: string },
): WebhookPayload;
export function templateCategoryUpdate(
	input: OnWaba & {
		templateId?: number | string;
		templateName?: string;
		language?: string;
		previousCategory?: string;
		newCategory?: string;
		correctCategory?: string;
		categoryUpdateTimestamp?: number;
	},
): WebhookPayload;
export function businessUsernameUpdate(input: OnNumber & { username?: string; status?: string }): WebhookPayload;
export function accountSettingsUpdate(input: OnWaba & { phoneNumberId: string; calling?: Record<string, unknown> }): WebhookPayload;
export function userIdChangedMessage(
	input: OnMessages & { waId?: string | null; userId?: string; previousUserId?: string; parentUserId?: string; profileName?: string },
): WebhookPayload;
export const builders: Record<string, (input: any) => WebhookPayload>;
export function deliver(input: {
	url: string;
	payload?: unknown;
	rawBody?: string;
	appSecret: string;
	signature?: 'valid' | 'forged' | 'none';
	count?: number;
	concurrency?: number;
	headers?: Record<string, string>;
	timeoutMs?: number;
}): Promise<DeliveryResult>;
