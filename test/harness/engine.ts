/**
 * A small harness on n8n-core's own engine: it loads this package from `dist` with
 * n8n's PackageDirectoryLoader (as n8n loads community packages), builds a workflow
 * "manual start → node under test" and runs it with WorkflowExecute, so declarative
 * nodes go through RoutingNode. Credentials get their real declarative `authenticate`.
 */
import path from 'node:path';

import {
	Credentials,
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-whatsapp-phone-numbers';
export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

let packageLoader: Promise<PackageDirectoryLoader> | undefined;

/** The built package, loaded once per test file the way n8n loads it. */
export async function loadPackage(): Promise<PackageDirectoryLoader> {
	packageLoader ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await packageLoader;
}

/** Stands in for n8n's Manual Trigger: starts the run with the items it is given. */
class ManualStart implements INodeType {
	description = {
		displayName: 'Manual Start',
		name: 'manualStart',
		group: ['trigger'],
		version: 1,
		description: 'Starts the test run with the given items',
		defaults: { name: 'Manual Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		return [this.getInputData()];
	}
}

const START_TYPE = 'test.manualStart';

/** This package's node types, the manual start, and any other node types a run brings along (n8n's HTTP Request in the benchmark). */
class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly extra: Record<string, INodeType | IVersionedNodeType> = {},
	) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		if (type === START_TYPE) return new ManualStart();
		if (this.extra[type]) return this.extra[type];
		const name = type.startsWith(`${PACKAGE_NAME}.`) ? type.slice(PACKAGE_NAME.length + 1) : type;
		return this.loader.getNode(name).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes() {
		return this.loader.known.nodes;
	}
}

/**
 * Credentials from a map, authenticated like n8n's CLI does: a function `authenticate`
 * is called, a generic one has its `={{$credentials…}}` expressions resolved and merged
 * into the request (n8n's own test harness skips this; ours must not).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private credentialType(typeName: string): ICredentialType {
		return this.loader.getCredential(typeName).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new Error('Declarative authentication needs the workflow and node');
			const resolve = (value: string) =>
				String(
					workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					) ?? '',
				);
			for (const [part, entries] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, IDataObject>)[part] ??= {});
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(nodeCredentials: { id: string | null; name: string }, type: string): Promise<ICredentials> {
		return new Credentials(nodeCredentials, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`The test gave no credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}
}

/** What n8n's engine reads from "additional data" in these tests; servers are not involved. */
export function testAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code tasks are not part of these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunNodeOptions {
	/** Node type name without the package prefix, such as `whatsAppPhoneNumbers`, or another package's full name. */
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	/** This package's credential. */
	credentials?: ICredentialDataDecryptedObject;
	/** Credentials of other types (for a node of another package), by type. */
	otherCredentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Node types of other packages, by full name. */
	otherNodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	/** Fill unset parameters with their defaults, as the editor saves a node. */
	withDefaults?: boolean;
	/** Items that reach the node; one empty item by default. */
	input?: INodeExecutionData[];
	/** The node's "On Error" setting. */
	onError?: INode['onError'];
}

export interface NodeRunResult {
	run: IRun;
	/** Output items of the node under test (first output), or empty when it failed. */
	items: INodeExecutionData[];
	/** The error the node under test raised, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
}

export const NODE_UNDER_TEST = 'Node Under Test';

/** Runs "Manual Start → node" through WorkflowExecute and returns what the node produced. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader, options.otherNodeTypes);
	const type = options.type.includes('.') ? options.type : `${PACKAGE_NAME}.${options.type}`;
	const typeVersion = options.typeVersion ?? 1;
	const credentials = {
		...options.otherCredentials,
		...(options.credentials ? { [CREDENTIAL_TYPE]: options.credentials } : {}),
	};
	const nodeCredentials = Object.fromEntries(
		Object.keys(credentials).map((credentialType, index) => [credentialType, { id: String(index + 1), name: credentialType }]),
	);
	let parameters = options.parameters;
	if (options.withDefaults) {
		const { description } = nodeTypes.getByNameAndVersion(type, typeVersion);
		parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, description) ?? {};
	}
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Manual Start',
			type: START_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'under-test',
			name: NODE_UNDER_TEST,
			type,
			typeVersion,
			position: [200, 0],
			parameters,
			credentials: Object.keys(nodeCredentials).length ? nodeCredentials : undefined,
			onError: options.onError,
		},
	];
	const connections = {
		'Manual Start': { main: [[{ node: NODE_UNDER_TEST, type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		staticData: {},
	});
	const workflowData = {
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		isArchived: false,
	} as unknown as IWorkflowBase;

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	let finished: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		finished = fullRunData;
	});

	const additionalData = testAdditionalData(new TestCredentialsHelper(loader, credentials), hooks);

	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{
					node: nodes[0],
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const returned = await workflowExecute.processRunExecutionData(workflow);
	const run = finished ?? returned;

	const nodeRun = run.data.resultData.runData[NODE_UNDER_TEST]?.[0];
	const items = nodeRun?.data?.main?.[0] ?? [];
	const error = (nodeRun?.error ?? run.data.resultData.error) as NodeRunResult['error'];
	return { run, items, error };
}

/** The JSON of each output item, for comparing outputs in one expectation. */
export function jsonOf(items: INodeExecutionData[]): IDataObject[] {
	return items.map((item) => item.json);
}
