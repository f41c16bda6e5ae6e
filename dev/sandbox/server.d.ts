/** Types for the Graph API sandbox (plain CommonJS in server.js). */
import type { DeliveryResult, WebhookPayload } from './webhooks';

export interface SandboxOptions {
	/** A fixture object or a path to a JSON fixture; the embedded default when absent. */
	fixture?: string | Record<string, unknown>;
	token?: string;
	appId?: string;
	appSecret?: string;
	verifyToken?: string;
	/** The sandbox clock's start (ISO time, Date or `now-3d`); real time when absent. */
	now?: string | Date;
	/** Delay before each Graph answer, standing in for the round trip to Meta (0 by default). */
	latencyMs?: number;
}

export interface SandboxCredentials {
	accessToken: string;
	appId: string;
	appSecret: string;
	appName: string;
	webhookVerifyToken: string;
}

export interface CallCounts {
	total: number;
	/** Calls per endpoint pattern, e.g. `GET /{waba}/phone_numbers`. */
	endpoints: Record<string, number>;
	log?: Array<{ at: string; method: string; path: string; pattern: string; status: number }>;
}

export interface SendWebhookOptions {
	payload?: WebhookPayload;
	rawBody?: string;
	/** A builder name from `webhooks.builders`, with its `params`. */
	kind?: string;
	params?: Record<string, unknown>;
	callbackUrl?: string;
	signature?: 'valid' | 'forged' | 'none';
	count?: number;
	concurrency?: number;
	headers?: Record<string, string>;
}

export interface ClaimResult {
	id: string;
	display_phone_number: string;
	code_verification_status: string;
	waba_id: string;
	preverified_id: string;
	last_onboarded_time: string;
}

export interface Sandbox {
	start(options?: { host?: '127.0.0.1' | 'localhost'; port?: number }): Promise<string>;
	stop(): Promise<void>;
	/** Base URL for the credential, e.g. `http://127.0.0.1:8090`. */
	readonly url: string;
	/** Base URL with the default version, e.g. `http://127.0.0.1:8090/v24.0`. */
	readonly graphUrl: string;
	readonly port: number | undefined;
	/** A JSON snapshot of the world, sandbox-only fields included. */
	readonly state: any;
	/** The live model, for tests that need to reach in. */
	readonly world: any;
	readonly counts: CallCounts;
	readonly credentials: SandboxCredentials;
	callLog(): NonNullable<CallCounts['log']>;
	resetCounts(): void;
	/** Delays every Graph answer by `ms` from now on (0: answer at once). */
	setLatency(ms: number): void;
	reset(fixture?: string | Record<string, unknown>): void;
	latestCode(id: string): string | undefined;
	now(): Date;
	setNow(date: string | Date): Date;
	advance(by: { days?: number; hours?: number; minutes?: number; ms?: number }): Date;
	claim(input: { preverified_id: string; waba_id: string; verified_name: string }): ClaimResult;
	/** Meta's review of a display-name change: answers what the phone_number_name_update webhook would carry. */
	reviewDisplayName(input: { phone_number_id: string; decision: 'APPROVED' | 'REJECTED' }): {
		display_phone_number: string;
		requested_verified_name: string;
		decision: 'APPROVED' | 'REJECTED';
	};
	/** Meta's decision on an Official Business Account request under review. */
	reviewOfficialBusinessAccount(input: { phone_number_id: string; decision: 'APPROVED' | 'REJECTED' }): {
		id: string;
		oba_status: 'APPROVED' | 'REJECTED';
	};
	sendWebhook(options: SendWebhookOptions): Promise<DeliveryResult & { via: string; payload: WebhookPayload; warnings: string[] }>;
}

export function createSandbox(options?: SandboxOptions): Sandbox;
export const DEFAULT_FIXTURE: string;
export const DEFAULT_VERSION: string;
