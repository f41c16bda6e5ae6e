/**
 * Runs a webhook trigger of this package the way n8n's production webhook server does,
 * on n8n-core's real WebhookContext and HookContext:
 * - a real HTTP server on 127.0.0.1 receives the request; the raw body is read into
 *   `req.rawBody` (a Buffer) and parsed like n8n's `parseBody` (malformed JSON → 422
 *   before the node runs);
 * - the node's `webhook()` gets the real Node request and response objects;
 * - what the node returns is answered like n8n's `handleImmediateWebhookResponse` for the
 *   `onReceived` mode (the node answered itself, or 200 "Workflow was started" /
 *   "Webhook call received");
 * - static data is loaded into a new Workflow for each request and saved back only when
 *   n8n would save it (`__dataChanged`), as LiveWebhooks does.
 * express is not installed here, so the request and response are Node's own
 * IncomingMessage and ServerResponse with the few express fields n8n sets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import path from 'node:path';

import type { Logger } from '@n8n/backend-common';
import type { Container as DiContainer } from '@n8n/di';
import { HookContext, WebhookContext, type PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWebhookData,
	IWebhookDescription,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { jsonParse, NodeHelpers, Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage, PACKAGE_NAME, TestCredentialsHelper } from './engine';

export const TRIGGER_NODE_NAME = 'WhatsApp Phone Number Trigger';
export const TEST_WEBHOOK_ID = '5f0c9a57-3b1e-4c55-9d43-2f1f0d7c8a11';
const WORKFLOW_ID = 'trigger-test-workflow';

class PackageNodeTypes implements INodeTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.loader.getNode(type.slice(PACKAGE_NAME.length + 1)).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return this.loader.known.nodes;
	}
}

export interface WebhookReply {
	status: number;
	contentType: string | null;
	body: string;
}

export interface TriggerHarnessOptions {
	/** Node type name without the package prefix. */
	type: string;
	/** As the user set them; unset parameters get their defaults, as the editor saves them. */
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
}

type WebhookRequest = IncomingMessage & {
	rawBody: Buffer;
	body: unknown;
	query: IDataObject;
	params: IDataObject;
	contentType?: string;
	encoding: BufferEncoding;
};

export class TriggerHarness {
	/** Items of each execution the webhook started, in order. */
	readonly executions: INodeExecutionData[][] = [];

	/** The workflow's static data as n8n stored it after the last request. */
	savedStaticData: IDataObject = {};

	private server?: Server;

	private baseUrl = 'http://127.0.0.1:5678';

	private constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly nodeTypes: PackageNodeTypes,
		readonly node: INode,
		private readonly credentials: ICredentialDataDecryptedObject,
	) {}

	static async create({ type, parameters, credentials }: TriggerHarnessOptions): Promise<TriggerHarness> {
		const loader = await loadPackage();
		const nodeTypes = new PackageNodeTypes(loader);
		const fullType = `${PACKAGE_NAME}.${type}`;
		const description = nodeTypes.getByNameAndVersion(fullType, 1).description;
		const node: INode = {
			id: 'trigger-node',
			name: TRIGGER_NODE_NAME,
			type: fullType,
			typeVersion: 1,
			position: [0, 0],
			webhookId: TEST_WEBHOOK_ID,
			parameters: {},
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'WhatsApp test account' } },
		};
		node.parameters =
			NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
		return new TriggerHarness(loader, nodeTypes, node, credentials);
	}

	/** Starts the HTTP server; the webhook base URL then points to it. */
	async listen(): Promise<void> {
		this.server = createServer((req, res) => {
			void this.handle(req as WebhookRequest, res);
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	/** This node's production webhook URL, as Meta must call it. */
	get webhookUrl(): string {
		return `${this.baseUrl}/webhook/${TEST_WEBHOOK_ID}/webhook`;
	}

	/** Sends an HTTP request to the node's webhook URL. */
	async request(
		method: 'GET' | 'POST',
		{ query, body, headers }: { query?: Record<string, string>; body?: Buffer | string; headers?: Record<string, string> } = {},
	): Promise<WebhookReply> {
		const url = new URL(this.webhookUrl);
		for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
		const response = await fetch(url, { method, headers, body });
		return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
	}

	/** Runs a `webhookMethods.default` function with n8n-core's HookContext. */
	async hook(method: 'checkExists' | 'create' | 'delete', activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const workflow = this.loadWorkflow();
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const webhookData = this.webhookData(workflow, 'POST');
		const context = new HookContext(workflow, this.node, this.additionalData(), 'webhook', activation, webhookData);
		try {
			const webhookMethod = nodeType.webhookMethods?.default?.[method];
			if (!webhookMethod) throw new Error(`The node has no webhookMethods.default.${method}`);
			return await webhookMethod.call(context);
		} finally {
			this.save(workflow);
		}
	}

	/** A new Workflow over the stored static data, as n8n builds one per request. */
	private loadWorkflow(): Workflow {
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject,
		});
	}

	/** n8n's WorkflowStaticDataService saves only static data flagged as changed. */
	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}

	private additionalData(request?: WebhookRequest, response?: ServerResponse): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: new TestCredentialsHelper(this.loader, { [CREDENTIAL_TYPE]: this.credentials }),
			httpRequest: request,
			httpResponse: response,
			restApiUrl: `${this.baseUrl}/rest`,
			instanceBaseUrl: `${this.baseUrl}/`,
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			formWaitingBaseUrl: `${this.baseUrl}/form-waiting`,
			variables: {},
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'test-user',
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(workflow: Workflow, httpMethod: 'GET' | 'POST'): IWebhookData {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const webhookDescription = nodeType.description.webhooks!.find(
			(webhook) => webhook.httpMethod === httpMethod,
		) as IWebhookDescription;
		return {
			httpMethod,
			node: this.node.name,
			path: `${TEST_WEBHOOK_ID}/${webhookDescription.path}`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: TEST_WEBHOOK_ID,
		};
	}

	private async handle(req: WebhookRequest, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.baseUrl);
		if (url.pathname !== new URL(this.webhookUrl).pathname || (req.method !== 'GET' && req.method !== 'POST')) {
			res.writeHead(404).end();
			return;
		}
		if (!(await this.readBody(req, res))) return;
		req.query = queryOf(url);
		req.params = {};

		const workflow = this.loadWorkflow();
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const webhookData = this.webhookData(workflow, req.method);
		const context = new WebhookContext(
			workflow,
			this.node,
			this.additionalData(req, res),
			'webhook',
			webhookData,
			[],
			null,
		);
		try {
			const result = await nodeType.webhook!.call(context);
			if (result.workflowData !== undefined) this.executions.push(result.workflowData[0] ?? []);
			if (!result.noWebhookResponse) {
				const message = result.workflowData !== undefined ? 'Workflow was started' : 'Webhook call received';
				res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ message }));
			}
		} catch {
			if (!res.headersSent) {
				res
					.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
					.end(JSON.stringify({ message: 'Workflow Webhook Error: Workflow could not be started!' }));
			}
		} finally {
			this.save(workflow);
		}
	}

	/** n8n's rawBodyReader and parseBody: false when n8n would refuse the body (422). */
	private async readBody(req: WebhookRequest, res: ServerResponse): Promise<boolean> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		req.rawBody = Buffer.concat(chunks);
		const [mediaType, ...parameters] = String(req.headers['content-type'] ?? '').split(';');
		req.contentType = mediaType.trim().toLowerCase() || undefined;
		const charset = parameters.map((part) => part.trim()).find((part) => part.startsWith('charset='));
		req.encoding = (charset?.slice('charset='.length) ?? 'utf-8') as BufferEncoding;
		req.body = {};
		if (!req.rawBody.length) return true;
		try {
			if (req.contentType === 'application/json') req.body = jsonParse(req.rawBody.toString(req.encoding));
			else if (req.contentType === 'text/plain') req.body = req.rawBody.toString(req.encoding);
		} catch {
			res
				.writeHead(422, { 'Content-Type': 'application/json; charset=utf-8' })
				.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
			return false;
		}
		return true;
	}
}

/** express's query parser keeps dotted keys (`hub.mode`) as they are; repeated keys become arrays. */
function queryOf(url: URL): IDataObject {
	const query: IDataObject = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	return query;
}

/** A module as n8n-core itself resolves it (it ships its own copies of @n8n/di and backend-common). */
function requireFromCore<T>(id: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [path.dirname(require.resolve('n8n-core'))] })) as T;
}

/** Collects everything n8n's logger is asked to write while a test runs. */
export function captureLogs(): { lines: string[]; restore: () => void } {
	const { Container } = requireFromCore<{ Container: typeof DiContainer }>('@n8n/di');
	const { Logger: CoreLogger } = requireFromCore<{ Logger: typeof Logger }>('@n8n/backend-common');
	const original = Container.get(CoreLogger);
	const lines: string[] = [];
	const record =
		(level: string) =>
		(message: string, metadata?: unknown): void => {
			lines.push(`${level}: ${message} ${JSON.stringify(metadata ?? {})}`);
		};
	const capturing = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		scoped: () => capturing,
	};
	Container.set(CoreLogger, capturing as unknown as Logger);
	return { lines, restore: () => Container.set(CoreLogger, original) };
}
