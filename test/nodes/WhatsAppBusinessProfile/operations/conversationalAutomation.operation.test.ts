import { jsonOf } from '../../../harness/engine';
import { graphApi, graphPath, isolateNetwork } from '../../../harness/graphMock';
import { PHONE_NUMBER_ID, phoneNumberId, runProfile } from '../fixtures';

isolateNetwork();

const AUTOMATION_PATH = graphPath(`/${PHONE_NUMBER_ID}/conversational_automation`);
const COMMANDS = [
	{ command_name: 'track', command_description: 'Track your latest order' },
	{ command_name: 'human', command_description: 'Talk to a person' },
];

function update(automationFields: Record<string, unknown>) {
	return runProfile({ operation: 'updateConversationalAutomation', phoneNumberId, automationFields });
}

describe('WhatsApp Business Profile: Get Conversational Automation', () => {
	it('reads the field of the number and outputs its parts, tagged with the number', async () => {
		const automation = { enable_welcome_message: true, prompts: ['Plan a trip'], commands: COMMANDS };
		const scope = graphApi()
			.get(graphPath(`/${PHONE_NUMBER_ID}`))
			.query({ fields: 'conversational_automation' })
			.reply(200, { conversational_automation: automation, id: PHONE_NUMBER_ID });

		const { items, error } = await runProfile({ operation: 'getConversationalAutomation', phoneNumberId });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([{ conversational_automation: automation, id: PHONE_NUMBER_ID, ...automation, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('outputs the welcome message off and no ice breakers or commands when Meta leaves the field out', async () => {
		graphApi().get(graphPath(`/${PHONE_NUMBER_ID}`)).query({ fields: 'conversational_automation' }).reply(200, { id: PHONE_NUMBER_ID });

		const { items } = await runProfile({ operation: 'getConversationalAutomation', phoneNumberId });

		expect(jsonOf(items)).toEqual([{ id: PHONE_NUMBER_ID, enable_welcome_message: false, prompts: [], commands: [], phoneNumberId: PHONE_NUMBER_ID }]);
	});
});

describe('WhatsApp Business Profile: Update Conversational Automation', () => {
	it('posts the welcome switch, ice breakers and commands, the slash and spaces removed', async () => {
		const body = { commands: COMMANDS, prompts: ['Plan a trip', 'Track my order'], enable_welcome_message: false };
		const scope = graphApi().post(AUTOMATION_PATH, body).query({}).reply(200, { success: true });

		const { items, error } = await update({
			enableWelcomeMessage: false,
			prompts: ' Plan a trip \n\nTrack my order',
			commands: { command: [{ name: '/track', description: 'Track your latest order ' }, { name: 'human', description: 'Talk to a person' }] },
		});

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(jsonOf(items)).toEqual([{ success: true, ...body, phoneNumberId: PHONE_NUMBER_ID }]);
	});

	it('sends only the parts that were added; empty ice breakers remove them all', async () => {
		const scope = graphApi().post(AUTOMATION_PATH, { prompts: [] }).query({}).reply(200, { success: true });

		const { error } = await update({ prompts: '' });

		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	const command = (name: string, description = 'Does something') => ({ name, description });

	it.each([
		['five ice breakers', { prompts: 'a\nb\nc\nd\ne' }, 'Ice Breakers may hold at most 4 ice breakers; 5 given'],
		['an ice breaker of 81 characters', { prompts: `ok\n${'x'.repeat(81)}` }, 'Ice Breakers are not valid: ice breaker 2 has 81 characters; at most 80 are allowed'],
		['an ice breaker with an emoji', { prompts: 'Plan a trip ✈️' }, 'Ice Breakers are not valid: ice breaker 1 contains an emoji, which Meta does not support here'],
		['31 commands', { commands: { command: Array.from({ length: 31 }, (_, index) => command(`c${index}`)) } }, 'Commands may hold at most 30 commands; 31 given'],
		['a command name of 33 characters', { commands: { command: [command('n'.repeat(33))] } }, 'Commands are not valid: the name of command 1 has 33 characters; at most 32 are allowed'],
		['a command without a description', { commands: { command: [command('track', ' ')] } }, 'Commands are not valid: the description of command 1 (/track) is empty'],
		['a description of 257 characters', { commands: { command: [command('track', 'd'.repeat(257))] } }, 'Commands are not valid: the description of command 1 (/track) has 257 characters; at most 256 are allowed'],
		['a repeated command name', { commands: { command: [command('track'), command('/track')] } }, 'Commands must not repeat a command name; /track is there twice'],
	])('refuses %s before any request, naming the field', async (_case, automationFields, message) => {
		const { items, error } = await update(automationFields);

		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toMatch(/Received|Give each command|Enter up to 4 ice breakers/);
	});

	it('refuses an update with nothing added', async () => {
		const { error } = await update({});

		expect(error?.message).toBe('Nothing to update: no automation field was added');
	});
});
