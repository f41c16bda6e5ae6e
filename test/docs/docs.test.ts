/**
 * The repository's documentation stays whole: every fence closed, every relative link and anchor
 * resolves, every node has its page under docs/nodes with a `### <Operation>` section for each
 * operation of the built node (so a new operation without documentation fails here), the README
 * links every node page, and every example workflow is described.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	brokenLinks,
	markdownFiles,
	missingOperationSections,
	nodePage,
	repositoryReader,
	unclosedFences,
	undescribedExamples,
	type Problem,
} from './markdown';

const ROOT = path.resolve(__dirname, '..', '..');
const read = repositoryReader(ROOT);
const files = markdownFiles(ROOT);
// Drafts other branches leave for the pages; they are merged into the pages, whose links count.
const published = files.filter((file) => !file.startsWith('docs/pending/'));

const show = (problems: Problem[]) => problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);

interface NodeDescription {
	name: string;
	displayName: string;
	properties: Array<{ name: string; options?: Array<{ name: string }> }>;
}

function builtNodes(): NodeDescription[] {
	const packageJson = JSON.parse(read('package.json') ?? '{}') as { n8n: { nodes: string[] } };
	return packageJson.n8n.nodes.map((file) => {
		const exported = require(path.join(ROOT, file)) as Record<string, new () => { description: NodeDescription }>;
		return new (Object.values(exported)[0])().description;
	});
}

/** Every operation's display name, over every version the node has. */
function operationNames(description: NodeDescription): string[] {
	const names = description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options ?? []).map((option) => option.name));
	return [...new Set(names)];
}

describe('the documentation', () => {
	it('has the pages the README points to', () => {
		expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md', 'docs/trigger.md', 'dev/bench/README.md']));
	});

	it('closes every Markdown code fence', () => {
		expect(show(files.flatMap((file) => unclosedFences(file, read(file)!)))).toEqual([]);
	});

	it('has no relative link or anchor that does not resolve', () => {
		expect(show(published.flatMap((file) => brokenLinks(file, read(file)!, read)))).toEqual([]);
	});

	it('gives every node a page with its panel\'s picture and a section per operation, linked from the README', () => {
		const nodes = builtNodes();
		expect(nodes.length).toBeGreaterThanOrEqual(8);
		const readme = read('README.md')!;
		const problems = nodes.flatMap((node) => {
			const page = nodePage(node.name);
			const text = read(page);
			if (text === undefined) return [`${node.displayName}: no page ${page}`];
			const unlinked = readme.includes(`](${page})`) ? [] : [`README.md: no link to ${page} (${node.displayName})`];
			// The browser check's screenshot of the node's panel (npm run screenshots copies it).
			const picture = `](../images/${node.name}.png)`;
			const unpictured = text.includes(picture) ? [] : [`${page}: no picture of the panel (${picture.slice(2, -1)})`];
			return [...unlinked, ...unpictured, ...show(missingOperationSections(page, text, operationNames(node)))];
		});
		expect(problems).toEqual([]);
	});

	it("sends the editor's Docs links to each node's page and the credential's to the README's Credentials", () => {
		const packageJson = JSON.parse(read('package.json')!) as { repository: { url: string }; n8n: { nodes: string[] } };
		const repository = packageJson.repository.url.replace(/\.git$/, '');
		const codexLinks = packageJson.n8n.nodes.flatMap((file) => {
			const codexFile = file.replace(/^dist\//, '').replace(/\.js$/, '.json');
			const codex = JSON.parse(read(codexFile)!) as {
				node: string;
				resources: Record<'primaryDocumentation' | 'credentialDocumentation', Array<{ url: string }>>;
			};
			const page = nodePage(codex.node.split('.').pop()!);
			return [
				{ where: `${codexFile} primaryDocumentation`, url: codex.resources.primaryDocumentation[0]?.url, expected: `${repository}/blob/main/${page}` },
				...codex.resources.credentialDocumentation.map(({ url }) => ({ where: `${codexFile} credentialDocumentation`, url, expected: `${repository}#credentials` })),
			];
		});
		const credential = read('credentials/WhatsAppBusinessManagementApi.credentials.ts')!;
		const credentialUrl = /documentationUrl =\s*'([^']+)'/.exec(credential)?.[1];
		const links = [...codexLinks, { where: 'credential documentationUrl', url: credentialUrl, expected: `${repository}#credentials` }];
		expect(links.filter((link) => link.url !== link.expected)).toEqual([]);
		// Where they point exists: the page, and the README's Credentials heading.
		const asMarkdown = links.map((link) => `[docs](${link.url!.slice(repository.length).replace(/^\/blob\/main\//, '') || 'README.md'})`);
		expect(show(brokenLinks('README.md', asMarkdown.join('\n'), read))).toEqual([]);
	});

	it('describes every example workflow in the README or a page', () => {
		const pages = published.filter((file) => file === 'README.md' || file.startsWith('docs/'));
		const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));
		expect(examples.length).toBeGreaterThan(0);
		expect(undescribedExamples(examples, pages.map((file) => read(file)!))).toEqual([]);
	});
});
