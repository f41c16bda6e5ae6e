'use strict';
/**
 * The whole stack for one test file or for `npm start`: the Graph sandbox and the chat model
 * stand-in (in this process), a real n8n with the package loaded, the owner, the credentials
 * and the example workflows.
 * `stop()` ends everything; it is also safe to call twice or after a failed start.
 */
const path = require('node:path');

const { startModelStandIn } = require('../../model/standIn');
const { repoRoot } = require('./install');
const { startN8n } = require('./n8n');
const { stopAll } = require('./procs');
const { provision } = require('./setup');

function loadSandboxModule() {
	return require(path.join(repoRoot, 'dev', 'sandbox', 'server.js'));
}

async function startStack({
	only,
	sandboxOptions = {},
	sandboxPort = 0,
	modelPort = 0,
	n8nPort,
	n8nEnv,
	userFolder,
	keepUserFolder,
	echo = false,
	log = () => {},
	installLog,
	owner,
} = {}) {
	const stack = { sandbox: undefined, model: undefined, n8n: undefined, client: undefined, workflows: {}, credential: undefined };
	stack.stop = async () => {
		const errors = [];
		if (stack.n8n) await stack.n8n.stop().catch((e) => errors.push(e));
		if (stack.sandbox) await stack.sandbox.stop().catch((e) => errors.push(e));
		if (stack.model) await stack.model.stop().catch((e) => errors.push(e));
		await stopAll();
		if (errors.length) throw errors[0];
	};
	try {
		const { createSandbox } = loadSandboxModule();
		stack.sandbox = createSandbox(sandboxOptions);
		await stack.sandbox.start({ host: '127.0.0.1', port: sandboxPort });
		log(`Graph sandbox on ${stack.sandbox.url}`);
		stack.model = await startModelStandIn({ port: modelPort });
		log(`chat model stand-in on ${stack.model.url}`);
		stack.n8n = await startN8n({ port: n8nPort, env: n8nEnv, userFolder, keepUserFolder, echo, log, installLog });
		stack.client = stack.n8n.client();
		const provisioned = await provision(stack.client, { sandbox: stack.sandbox, model: stack.model, only, owner });
		Object.assign(stack, provisioned);
		return stack;
	} catch (error) {
		await stack.stop().catch(() => {});
		throw error;
	}
}

module.exports = { startStack, loadSandboxModule };
