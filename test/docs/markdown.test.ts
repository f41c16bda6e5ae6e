/**
 * The documentation checks fail on broken input: each is run on a small bad sample and on its
 * repaired form.
 */
import {
	anchorsOf,
	brokenLinks,
	githubSlug,
	missingOperationSections,
	nodePage,
	unclosedFences,
	undescribedExamples,
} from './markdown';

const files: Record<string, string> = {
	'README.md': '# Title\n\nSee [the page](docs/page.md#get-many).\n',
	'docs/page.md': '# Page\n\n### Get Many\n\n### Get Display Name Status & Certificate\n\n### Get Many\n',
	'examples/flow.json': '{}',
	docs: '',
};
const read = (file: string) => files[file];

describe('unclosedFences', () => {
	it('finds a fence opened and never closed (the QR Codes › Create answer example)', () => {
		const text = '### Create\n\n```json\n{ "code": "4O4YGZEG3RIVE1",\n### Update Profile\n\n```json\n{}\n```\n';
		expect(unclosedFences('qr.md', text)).toEqual([
			{ file: 'qr.md', line: 3, message: 'the code fence ``` opened here is never closed' },
		]);
	});

	it('passes closed fences, a longer closing fence, tildes and indented fences in lists', () => {
		const text = '```json\n{}\n```\n\n~~~\n```\n~~~\n\n1. step\n\n   ```json\n   {}\n   ```\n\n````\n```\n`````\n';
		expect(unclosedFences('ok.md', text)).toEqual([]);
	});

	it('does not close a fence with a line that has an info string or another character', () => {
		expect(unclosedFences('a.md', '```\ncode\n```json\n')).toHaveLength(2);
		expect(unclosedFences('c.md', '```\ncode\n')).toEqual([
			{ file: 'c.md', line: 1, message: 'the code fence ``` opened here is never closed' },
		]);
		expect(unclosedFences('b.md', '~~~\ncode\n```\n')).toHaveLength(1);
	});
});

describe('githubSlug and anchorsOf', () => {
	it('makes anchors as GitHub does', () => {
		expect(githubSlug('Get Display Name Status & Certificate')).toBe('get-display-name-status--certificate');
		expect(githubSlug('The `lifecycle` object')).toBe('the-lifecycle-object');
		expect(githubSlug('`npm start`: the package in a real n8n')).toBe('npm-start-the-package-in-a-real-n8n');
		expect(githubSlug('Per WABA / Per Number Override')).toBe('per-waba--per-number-override');
		expect(githubSlug('Get Due for Re-Verification')).toBe('get-due-for-re-verification');
		expect(githubSlug('[Linked](x.md) heading')).toBe('linked-heading');
	});

	it('numbers repeated headings and ignores headings inside code', () => {
		expect([...anchorsOf(files['docs/page.md'])]).toEqual([
			'page',
			'get-many',
			'get-display-name-status--certificate',
			'get-many-1',
		]);
		expect(anchorsOf('```\n# not a heading\n```\n').has('not-a-heading')).toBe(false);
	});
});

describe('brokenLinks', () => {
	it('passes links whose file and anchor exist, web addresses and links inside code', () => {
		const text =
			'[a](docs/page.md#get-many-1) [b](#title) [c](https://example.com/x#y) [d](examples/flow.json) [e](docs/)\n\n`[x](missing.md)`\n\n```\n[y](missing.md)\n```\n\n# Title\n';
		expect(brokenLinks('README.md', text, read)).toEqual([]);
	});

	it('reports a missing file, a missing anchor, an anchor into a JSON file and a link out of the repository', () => {
		const text = '[a](docs/nope.md) [b](docs/page.md#get) [c](#nowhere) [d](examples/flow.json#x) [e](../../outside.md)\n';
		expect(brokenLinks('README.md', text, read).map((problem) => problem.message)).toEqual([
			'link to docs/nope.md: docs/nope.md does not exist',
			'link to docs/page.md#get: docs/page.md has no heading with the anchor #get',
			'link to #nowhere: README.md has no heading with the anchor #nowhere',
			'link to examples/flow.json#x: an anchor into a file that is not Markdown',
			'link to ../../outside.md: ../../outside.md does not exist',
		]);
	});

	it('resolves links relative to the page that holds them', () => {
		expect(brokenLinks('docs/page.md', '[home](../README.md#title)\n', read)).toEqual([]);
		expect(brokenLinks('docs/page.md', '[home](README.md)\n', read)).toHaveLength(1);
	});
});

describe('missingOperationSections', () => {
	it('asks for a third-level heading named exactly as the operation', () => {
		const text = '# Node\n\n### Get Many\n\n## Register\n\n### get\n';
		expect(missingOperationSections('n.md', text, ['Get Many', 'Register', 'Get']).map((problem) => problem.message)).toEqual([
			'no "### Register" section for the operation Register',
			'no "### Get" section for the operation Get',
		]);
	});
});

describe('nodePage', () => {
	it("names a node's page after the node", () => {
		expect(nodePage('whatsAppPreVerifiedNumbers')).toBe('docs/nodes/pre-verified-numbers.md');
		expect(nodePage('whatsAppQrCodes')).toBe('docs/nodes/qr-codes.md');
		expect(nodePage('whatsAppPhoneNumberTrigger')).toBe('docs/nodes/phone-number-trigger.md');
	});
});

describe('undescribedExamples', () => {
	it('names the example workflows no page mentions by their path', () => {
		const pages = ['Run [`examples/fleet-report.json`](examples/fleet-report.json).', 'The alerting.json workflow'];
		expect(undescribedExamples(['fleet-report.json', 'alerting.json', 'new.json'], pages)).toEqual(['alerting.json', 'new.json']);
	});
});
