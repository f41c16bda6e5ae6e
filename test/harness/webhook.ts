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
 * - static data is loaded into a new Workflow for each request and saved back when n8n
 *   2.41 saves it, in its answer callback, when it is flagged as changed: after the node
 *   answered itself, or, when n8n answers, before the answer. When an execution starts,
 *   n8n writes it first (which clears the "changed" mark), then reads the answer's body,
 *   saves and answers;
 * - an execution the webhook starts runs through WorkflowExecute, as n8n runs it: in
 *   regular mode on static data reloaded when it starts, in queue mode (a worker) on an
 *   empty static-data object; either way saved whole afterwards when it changed;
 * - `processes` webhook processes (queue mode has several) each load their own copy of
 *   the node's modules, so module state is per process as in n8n; the executions of
 *   queue mode run in one more copy, the worker's;
 * - n8n's deduplication store is modelled by `InMemoryDeduplicator`.
 * express is not installed here, so the request and response are Node's own
 * IncomingMessage and ServerResponse with the few express fields n8n sets.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import path from 'node:path';

import type { Logger } from '@n8n/backend-common';
import type { Container as DiContainer } from '@n8n/di';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute, type PackageDirectoryLoader } from 'n8n-core';
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
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { jsonParse, NodeHelpers, Workflow } from 'n8n-workflow';

import { deduplicationStore, type InMemoryDeduplicator } from './deduplication';
import { CREDENTIAL_TYPE, loadPackage, PACKAGE_NAME, PACKAGE_ROOT, testAdditionalData, TestCredentialsHelper } from './engine';

export const TRIGGER_NODE_NAME = 'WhatsApp Phone Number Trigger';
export const TEST_WEBHOOK_ID = '5f0c9a57-3b1e-4c55-9d43-2f1f0d7c8a11';
let harnessCount = 0;

/** The wait for the database between n8n reading static data and using or writing it. */
const databaseRoundTrip = async () => await new Promise<void>((resolve) => setTimeout(resolve, 1));

/** A fresh copy of the node's modules, as another n8n process would load them. */
function loadNodeInNewProcess(loader: PackageDirectoryLoader, type: string): INodeType {
	const file = loader.known.nodes[type]?.sourcePath;
	if (!file) throw new Error(`The package has no node ${type}`);
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.resolve(PACKAGE_ROOT, file)) as Record<string, new () => INodeType>;
		nodeType = new (Object.values(exported)[0])();
	});
	return nodeType!;
}

class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly process?: INodeType,
	) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		return this.process ?? this.loader.getNode(type.slice(PACKAGE_NAME.length + 1)).type;
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
	/** How n8n runs the executions: one process, or queue mode with a worker. */
	executionMode?: 'regular' | 'queue';
	/** Webhook processes receiving deliveries (queue mode runs several). */
	processes?: number;
	/** The node version the workflow was saved with (the trigger has one). */
	typeVersion?: number;
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

	/** What the trigger passed on to the next node in each execution that passed anything on. */
	readonly passedOn: INodeExecutionData[][] = [];

	/** Executions that changed the static data (n8n saves it whole after them). */
	staticDataSavesByExecutions = 0;

	/** Executions and static-data saves still under way. */
	private readonly runningExecutions = new Set<Promise<void>>();

	private readonly workflowId = `trigger-test-workflow-${++harnessCount}`;

	/** The next delivery that starts an execution kills its process once the execution row is written. */
	crashAfterExecutionWritten = false;

	/** The workflow's static data as n8n stored it after the last request. */
	savedStaticData: IDataObject = {};

	private server?: Server;

	private baseUrl = 'http://127.0.0.1:5678';

	private constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly nodeTypes: PackageNodeTypes,
		readonly node: INode,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly webhookProcesses: PackageNodeTypes[],
		private readonly executionProcess: PackageNodeTypes,
		private readonly executionMode: 'regular' | 'queue',
		readonly deduplication: InMemoryDeduplicator,
	) {}

	static async create({
		type,
		parameters,
		credentials,
		executionMode = 'regular',
		processes = 1,
		typeVersion = 2,
	}: TriggerHarnessOptions): Promise<TriggerHarness> {
		const loader = await loadPackage();
		const nodeTypes = new PackageNodeTypes(loader);
		const newProcess = () => new PackageNodeTypes(loader, loadNodeInNewProcess(loader, type));
		const webhookProcesses = Array.from({ length: processes }, newProcess);
		const executionProcess = executionMode === 'queue' ? newProcess() : webhookProcesses[0];
		const fullType = `${PACKAGE_NAME}.${type}`;
		const description = nodeTypes.getByNameAndVersion(fullType, typeVersion).description;
		const node: INode = {
			id: 'trigger-node',
			name: TRIGGER_NODE_NAME,
			type: fullType,
			typeVersion,
			position: [0, 0],
			webhookId: TEST_WEBHOOK_ID,
			parameters: {},
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'WhatsApp test account' } },
		};
		node.parameters =
			NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
		return new TriggerHarness(
			loader,
			nodeTypes,
			node,
			credentials,
			webhookProcesses,
			executionProcess,
			executionMode,
			await deduplicationStore(),
		);
	}

	/** Webhook process `index` restarts: its module state is gone, the database stays. */
	restartProcess(index: number): void {
		this.webhookProcesses[index] = new PackageNodeTypes(this.loader, loadNodeInNewProcess(this.loader, this.node.type.slice(PACKAGE_NAME.length + 1)));
	}

	/** n8n's Retry of execution `index` (in `executions`): a new execution, mode "retry", on the same items. */
	async retry(index: number): Promise<void> {
		this.executions.push(this.executions[index]);
		await this.runExecution([this.executions[index]], 'retry');
	}

	/** Waits for every execution started and every static-data save so far to finish. */
	async settle(): Promise<void> {
		while (this.runningExecutions.size) await Promise.all([...this.runningExecutions]);
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
		{
			query,
			body,
			headers,
			process = 0,
		}: { query?: Record<string, string>; body?: Buffer | string; headers?: Record<string, string>; process?: number } = {},
	): Promise<WebhookReply> {
		const url = new URL(this.webhookUrl);
		url.searchParams.append('__process', String(process));
		for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
		const response = await fetch(url, { method, headers, body });
		return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
	}

	/** Runs a `webhookMethods.default` function with n8n-core's HookContext. */
	async hook(method: 'checkExists' | 'create' | 'delete', activation: WorkflowActivateMode = 'activate'): Promise<boolean> {
		const workflow = this.loadWorkflow();
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
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
	private loadWorkflow(nodeTypes: PackageNodeTypes = this.nodeTypes): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject,
		});
	}

	/**
	 * Runs the execution a delivery started, from the trigger node with the webhook's items,
	 * as n8n's WorkflowRunner (regular) or a worker's JobProcessor (queue) does.
	 */
	private async runExecution(items: INodeExecutionData[][], mode: 'webhook' | 'retry' = 'webhook'): Promise<void> {
		const workflow = new Workflow({
			id: this.workflowId,
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.executionProcess,
			staticData:
				this.executionMode === 'queue' ? undefined : (JSON.parse(JSON.stringify(this.savedStaticData)) as IDataObject),
		});
		const runExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: this.node, data: { main: items }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const workflowData = { id: this.workflowId, name: 'trigger test', nodes: [this.node], connections: {}, settings: {} };
		const hooks = new ExecutionLifecycleHooks(mode, `execution-${this.executions.length}`, workflowData as never);
		const additionalData = testAdditionalData(
			new TestCredentialsHelper(this.loader, { [CREDENTIAL_TYPE]: this.credentials }),
			hooks,
		);
		const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		const nodeRun = run.data.resultData.runData[TRIGGER_NODE_NAME]?.[0];
		if (nodeRun?.error) throw nodeRun.error;
		const output = nodeRun?.data?.main?.[0] ?? [];
		if (output.length) this.passedOn.push(output);
		// n8n's workflowExecuteAfter hook saves the execution's static data whole when it changed.
		if (workflow.staticData.__dataChanged === true) {
			this.staticDataSavesByExecutions += 1;
			this.savedStaticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
	}

	/** n8n's WorkflowStaticDataService saves only static data flagged as changed. */
	private save(workflow: Workflow): void {
		this.savedStaticData = this.snapshotIfChanged(workflow) ?? this.savedStaticData;
	}

	private snapshotIfChanged(workflow: Workflow): IDataObject | undefined {
		if (workflow.staticData.__dataChanged !== true) return undefined;
		return JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
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
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const webhookDescription = nodeType.description.webhooks!.find(
			(webhook) => webhook.httpMethod === httpMethod,
		) as IWebhookDescription;
		return {
			httpMethod,
			node: this.node.name,
			path: `${TEST_WEBHOOK_ID}/${webhookDescription.path}`,
			webhookDescription,
			workflowId: workflow.id as string,
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
		const processIndex = Math.min(Number(url.searchParams.get('__process') ?? 0), this.webhookProcesses.length - 1);
		const process = this.webhookProcesses[processIndex];
		url.searchParams.delete('__process');
		req.query = queryOf(url);
		req.params = {};

		// n8n reads the workflow (and its static data) from the database, then runs the node.
		const workflow = this.loadWorkflow(process);
		await databaseRoundTrip();
		const nodeType = process.getByNameAndVersion(this.node.type, this.node.typeVersion);
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
		let result;
		try {
			result = await nodeType.webhook!.call(context);
		} catch {
			if (!res.headersSent) {
				res
					.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' })
					.end(JSON.stringify({ message: 'Workflow Webhook Error: Workflow could not be started!' }));
			}
			return;
		}
		if (result.noWebhookResponse) {
			// The node answered itself; n8n's answer callback saves the static data meanwhile.
			const saved = this.snapshotIfChanged(workflow);
			const saving: Promise<void> = databaseRoundTrip()
				.then(() => {
					if (saved) this.savedStaticData = saved;
				})
				.finally(() => this.runningExecutions.delete(saving));
			this.runningExecutions.add(saving);
		}
		if (result.workflowData !== undefined) {
			// WorkflowRunner.run writes the execution row (then runs it, or enqueues it); building
			// the execution's Workflow over the same static data clears its "changed" mark.
			this.executions.push(result.workflowData[0] ?? []);
			workflow.staticData.__dataChanged = false;
			const running: Promise<void> = this.runExecution(result.workflowData).finally(() => this.runningExecutions.delete(running));
			this.runningExecutions.add(running);
			await databaseRoundTrip();
			if (this.crashAfterExecutionWritten) {
				// The process dies here: no answer, nothing more saved, its module state gone.
				this.crashAfterExecutionWritten = false;
				res.destroy();
				this.restartProcess(processIndex);
				return;
			}
		}
		if (result.noWebhookResponse) return;
		// n8n reads the answer's body (after an execution, only when the description's responseData
		// is set but empty; unset it answers the default's name), its answer callback saves the
		// static data, then it answers.
		const responseData = webhookData.webhookDescription.responseData;
		const body =
			result.workflowData !== undefined && responseData !== ''
				? (responseData ?? 'firstEntryJson')
				: (result.webhookResponse ?? { message: result.workflowData !== undefined ? 'Workflow was started' : 'Webhook call received' });
		const saved = this.snapshotIfChanged(workflow);
		await databaseRoundTrip();
		if (saved) this.savedStaticData = saved;
		res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
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
