import { describe, expect, it } from 'vitest';
import { strictRecords } from './strict-csv';

/** The campaign's reference counter, checked on hand-written cases before it judges anything. */
describe('strictRecords (the fuzz campaign reference)', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2\r\n3,4',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    // One LF line in a CRLF text is a line of its own.
    [
      'a,b\r\n1,2\n3,4\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'a,b\n"x, y","say ""hi"""\n',
      [
        ['a', 'b'],
        ['x, y', 'say "hi"'],
      ],
    ],
    [
      'a,b\n"two\nlines",2\n',
      [
        ['a', 'b'],
        ['two\nlines', '2'],
      ],
    ],
    [
      'a,b\n5" cable,2\n',
      [
        ['a', 'b'],
        ['5" cable', '2'],
      ],
    ],
    // A quote out of place that stays on its line: read on to the closing quote.
    [
      'a,b\n"27" monitor",2\n',
      [
        ['a', 'b'],
        ['27" monitor', '2'],
      ],
    ],
    [
      'a,b\n"x"  ,2\n',
      [
        ['a', 'b'],
        ['x', '2'],
      ],
    ],
    [
      'a,b\n1,\n',
      [
        ['a', 'b'],
        ['1', ''],
      ],
    ],
    [
      'a,b\n1,',
      [
        ['a', 'b'],
        ['1', ''],
      ],
    ],
    [
      'a;b\n1,5;2\n',
      [
        ['a;b'.split(';')[0] as string, 'b'],
        ['1,5', '2'],
      ],
    ],
    ['a,b\n\n1,2\n', [['a', 'b'], [''], ['1', '2']]],
    [
      'a,b\n1,2\rx\n',
      [
        ['a', 'b'],
        ['1', '2\rx'],
      ],
    ],
  ])('%j', (text, records) => {
    const delimiter = text.includes(';') ? ';' : ',';
    expect(strictRecords(text, delimiter)).toEqual({ status: 'ok', records });
  });

  it('a quoted cell that never closes: unterminated, at its record', () => {
    expect(strictRecords('a,b\n1,2\n3,"x\n4,5\n', ',')).toEqual({ status: 'unterminated', record: 3 });
  });

  it('a stray opening quote that swallows lines up to a later quote: stray, at its record', () => {
    expect(strictRecords('a,b\n1,"note\n2,"plain"\n3,4\n', ',')).toEqual({ status: 'stray', record: 2 });
    // Closed by a later quote that happens to be followed by a delimiter: RFC-valid, nothing to see.
    expect(strictRecords('a,b\n1,"note\n2,5",x\n', ',')).toEqual({
      status: 'ok',
      records: [
        ['a', 'b'],
        ['1', 'note\n2,5', 'x'],
      ],
    });
  });
});
