'use strict';
/**
 * "Manual Start → one node" on n8n-core's WorkflowExecute, like the harness's runNode, but for a
 * node of this package or of n8n-nodes-base (the harness's node types know only this package).
 * It reuses the harness's loadPackage, TestCredentialsHelper and testAdditionalData.
 */
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const START = 'Manual Start';
const UNDER_TEST = 'Node Under Test';

/** n8n's Manual Trigger stand-in: passes on the items it is started with. */
class ManualStart {
	description = {
		displayName: START,
		name: 'manualStart',
		group: ['trigger'],
		version: 1,
		description: 'Starts the run with the given items',
		defaults: { name: START },
		inputs: [],
		outputs: ['main'],
		properties: [],
	};

	async execute() {
		return [this.getInputData()];
	}
}

/** Node types by full name: `bench.manualStart`, the package's nodes, and any given extra types. */
function nodeTypesFor(loader, packageName, extra = {}) {
	const byName = (type) => {
		if (type === 'bench.manualStart') return new ManualStart();
		if (extra[type]) return extra[type];
		return loader.getNode(type.slice(packageName.length + 1)).type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => loader.known.nodes,
	};
}

/**
 * Runs Manual Start → `node` (type, typeVersion, parameters as the user set them, credentials
 * as `{type: {id, name}}`) over `input`; unset parameters get their defaults, as the editor saves them.
 */
async function runWorkflow({ harness, loader, nodeTypes, node, credentials, input }) {
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const underTest = {
		id: 'under-test',
		name: UNDER_TEST,
		position: [200, 0],
		...node,
	};
	underTest.parameters =
		NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, underTest, nodeType.description) ?? {};
	const nodes = [
		{ id: 'start', name: START, type: 'bench.manualStart', typeVersion: 1, position: [0, 0], parameters: {} },
		underTest,
	];
	const connections = { [START]: { main: [[{ node: UNDER_TEST, type: 'main', index: 0 }]] } };
	const workflow = new Workflow({ id: 'bench-workflow', name: 'bench', nodes, connections, nodeTypes, active: false, staticData: {} });
	const workflowData = {
		id: 'bench-workflow',
		name: 'bench',
		nodes,
		connections,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
		isArchived: false,
	};
	const hooks = new ExecutionLifecycleHooks('manual', 'bench-execution', workflowData);
	let finished;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		finished = fullRunData;
	});
	const additionalData = harness.testAdditionalData(new harness.TestCredentialsHelper(loader, credentials), hooks);
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [input] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const returned = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const run = finished ?? returned;
	const nodeRun = run.data.resultData.runData[UNDER_TEST]?.[0];
	return { items: nodeRun?.data?.main?.[0] ?? [], error: nodeRun?.error ?? run.data.resultData.error };
}

module.exports = { runWorkflow, nodeTypesFor };
