/** Runs a node's "From List" search in n8n-core's own LoadOptionsContext, as the editor runs it. */
import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage, PACKAGE_NAME, TestCredentialsHelper, testAdditionalData } from './engine';
import { testCredentials } from './graphMock';

/** Runs `method` of node `type` with the node's `parameters` and the typed `filter`. */
export async function runListSearch(
	method: string,
	parameters: INodeParameters,
	filter?: string,
	type = 'whatsAppPreVerifiedNumbers',
): Promise<INodeListSearchResult> {
	const loader = await loadPackage();
	const nodeType = loader.getNode(type).type as INodeType;
	const node: INode = {
		id: 'node',
		name: 'Node Under Test',
		type: `${PACKAGE_NAME}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'WhatsApp test account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	const additionalData = {
		...testAdditionalData(new TestCredentialsHelper(loader, { [CREDENTIAL_TYPE]: testCredentials })),
		currentNodeParameters: parameters,
	};
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.preVerifiedNumberId');
	const method_ = nodeType.methods?.listSearch?.[method];
	if (!method_) throw new Error(`No list search ${method}`);
	return await method_.call(context, filter);
}

