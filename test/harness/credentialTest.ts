/**
 * Runs a credential's declarative `test` the way n8n's CredentialsTester does for a
 * credential with its own `test` (packages/cli/src/services/credentials-tester.service.ts):
 * a temporary copy of the No-Op node whose only property routes the test request, run by
 * n8n-core's RoutingNode with the decrypted credential, then the `rules` checked in order.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IRunExecutionData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage, TestCredentialsHelper, testAdditionalData } from './engine';

export async function testCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const loader = await loadPackage();
	const testRequest = loader.getCredential(CREDENTIAL_TYPE).type.test;
	if (!testRequest) throw new Error('The credential has no test request');

	const tempNodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: tempNodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => tempNodeType,
			getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(tempNodeType, 1),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = testAdditionalData(new TestCredentialsHelper(loader, { [CREDENTIAL_TYPE]: data }));
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, tempNodeType, {
		id: '1',
		name: 'test',
		type: CREDENTIAL_TYPE,
		data,
	});

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText: string }; code?: string } }).cause;
		if (cause?.response) {
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		return { status: 'Error', message: cause?.code ?? (error as Error).message };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key.split('.').reduce<unknown>((part, key) => (part as Record<string, unknown> | undefined)?.[key], json);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
