import { chosenFieldNames, splitFieldNames } from '../../../nodes/shared/fieldList';

describe('splitFieldNames', () => {
	it('splits on top-level commas only, keeping field expansion whole', () => {
		expect(splitFieldNames(' health_status , webhook_configuration{application,url},, throughput{level} ')).toEqual([
			'health_status',
			'webhook_configuration{application,url}',
			'throughput{level}',
		]);
	});

	it('gives nothing for an empty text', () => {
		expect(splitFieldNames('  ')).toEqual([]);
	});
});

describe('chosenFieldNames', () => {
	it('uses the usual set only when nothing is chosen, then adds the typed names', () => {
		expect(chosenFieldNames([], 'b{c,d}', ['id', 'a'])).toEqual(['id', 'a', 'b{c,d}']);
		expect(chosenFieldNames(['x'], undefined, ['id', 'a'])).toEqual(['x']);
	});
});
