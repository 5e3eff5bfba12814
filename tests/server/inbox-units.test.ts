import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../server/inbox/csv.ts';
import { parseDayRange, startOfLondonDay } from '../../server/inbox/filters.ts';
import { escapeHtml, html, join } from '../../server/inbox/html.ts';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../server/inbox/passwords.ts';
import { consistencyReport } from '../../server/inbox/report.ts';
import { safeNext } from '../../server/inbox/sign-in.ts';
import { TEST_PASSWORD_PARAMETERS } from './support/inbox.ts';

describe('escapeHtml and the html template', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated value, including those in arrays, and keeps only its own markup', () => {
    const hostile = '<script>alert(1)</script>';
    const fragment = html`<p title="${hostile}">${hostile}${[hostile, html`<b>${hostile}</b>`]}</p>`;
    expect(fragment.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;' +
        '&lt;script&gt;alert(1)&lt;/script&gt;<b>&lt;script&gt;alert(1)&lt;/script&gt;</b></p>',
    );
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}${3}`.value).toBe('03');
  });

  it('joins fragments and escapes plain strings among them', () => {
    expect(join([html`<i>a</i>`, '<b>'], html`, `).value).toBe('<i>a</i>, &lt;b&gt;');
  });
});

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['plain, with a comma', '"plain, with a comma"'],
    ['two\nlines', '"two\nlines"'],
    ['say "hello"', '"say ""hello"""'],
    ['a=b', 'a=b'],
    ['', ''],
    ['one; two', '"one; two"'],
    ['=1;2', `"'=1;2"`],
    ['\uFF1D1+1', "'\uFF1D1+1"],
    ['\uFF0B1', "'\uFF0B1"],
    ['\uFF0D1', "'\uFF0D1"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ['\uFE661', "'\uFE661"],
    ['\u22121', "'\u22121"],
    ['\u200B=1+1', "'\u200B=1+1"],
    ['\u200D\u2060@SUM(A1)', "'\u200D\u2060@SUM(A1)"],
    ['\uFEFF+1', "'\uFEFF+1"],
    ['\u202E=1', "'\u202E=1"],
    ['\u00A0 =1', "'\u00A0 =1"],
    ['\n=1', `"'\n=1"`],
    ['\u200Bplain', '\u200Bplain'],
    ['Mum said: =ok', 'Mum said: =ok'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers as numbers and missing values as empty cells', () => {
    expect([csvCell(4), csvCell(null), csvCell(undefined)]).toEqual(['4', '', '']);
  });

  it('makes a file with a byte-order mark and CRLF line endings', () => {
    expect(toCsv(['a', 'b'], [[1, '=x']])).toBe("\uFEFFa,b\r\n1,'=x\r\n");
  });
});

describe('passwords', () => {
  it('hashes with a per-user salt and the parameters, and verifies only the right password', async () => {
    const [first, second] = await Promise.all([
      hashPassword('correct horse battery staple', TEST_PASSWORD_PARAMETERS),
      hashPassword('correct horse battery staple', TEST_PASSWORD_PARAMETERS),
    ]);
    expect(first).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', first)).toBe(false);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('x', 'plain text')).toBe(false);
    expect(await verifyPassword('x', '$scrypt$ln=40,r=8,p=1$AAAA$AAAA')).toBe(false);
  });

  it('asks for a re-hash when the stored cost is below the current one', () => {
    const weak = '$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak, TEST_PASSWORD_PARAMETERS)).toBe(false);
  });

  it('asks for 12 characters or more, with no composition rules', () => {
    expect(passwordProblem('short')).toMatch(/12 characters or more/);
    expect(passwordProblem('all lower case words')).toBeUndefined();
  });
});

describe('UK days for the date filters', () => {
  it('starts a winter day at midnight UTC and a summer day at 23:00 UTC the day before', () => {
    expect(startOfLondonDay('2026-01-15')?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfLondonDay('2026-07-15')?.toISOString()).toBe('2026-07-14T23:00:00.000Z');
    // The clocks go forward at 01:00 on 29 March 2026: that day starts in GMT, the next in BST.
    expect(startOfLondonDay('2026-03-29')?.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLondonDay('2026-03-30')?.toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('refuses dates that do not exist', () => {
    expect(startOfLondonDay('2026-02-30')).toBeUndefined();
    expect(startOfLondonDay('30/01/2026')).toBeUndefined();
  });

  it('includes the last day of a range, and says so when the range is back to front', () => {
    expect(parseDayRange('2026-01-01', '2026-01-31')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      errors: [],
    });
    expect(parseDayRange('2026-02-01', '2026-01-01').errors).toEqual([
      { field: 'to', message: "'Received to' must be the same as or after 'Received from'" },
    ]);
    expect(parseDayRange('2026-13-01', '').errors).toEqual([
      { field: 'from', message: "'Received from' must be a real date" },
    ]);
  });
});

describe('the address to go to after signing in', () => {
  it.each([
    ['/inbox/submissions/1?notice=x', '/inbox/submissions/1?notice=x'],
    ['/inbox', '/inbox'],
    ['https://evil.example/inbox', '/inbox'],
    ['//evil.example/inbox', '/inbox'],
    ['/inbox//evil.example', '/inbox'],
    ['/inboxevil', '/inbox'],
    ['/inbox/"><script>', '/inbox'],
  ])('keeps %j as %j', (given, expected) => {
    expect(safeNext(given)).toBe(expected);
  });
});

describe('the consistency report', () => {
  const row = (
    agency: string,
    referrerLevel: number,
    engineLevel: number,
    decidedLevel: number | null,
    indicators: string[] = [],
  ) => ({
    agency,
    referrerLevel,
    engineLevel,
    decidedLevel,
    indicators,
  });

  it('counts agreement by agency and by level, the level-against-decision table and disagreeing indicators', () => {
    const report = consistencyReport(
      [
        row('school', 3, 3, 3),
        row('school', 2, 3, 3, ['a', 'b']),
        row('police', 4, 4, 3, ['a']),
        row('police', 2, 2, null),
      ],
      [1, 2, 3, 4],
    );
    expect(report.total).toEqual({
      key: 'all',
      referrals: 4,
      decided: 3,
      referrerMatchesDecision: 1,
      engineMatchesDecision: 2,
      referrerHigher: 1,
      referrerLower: 1,
      referrerMatchesEngine: 3,
    });
    expect(report.byAgency.map((r) => [r.key, r.referrals, r.decided, r.referrerMatchesDecision])).toEqual([
      ['police', 2, 1, 0],
      ['school', 2, 2, 1],
    ]);
    expect(report.byLevel.map((r) => [r.key, r.referrals, r.decided])).toEqual([
      ['1', 0, 0],
      ['2', 2, 1],
      ['3', 1, 1],
      ['4', 1, 1],
    ]);
    expect(report.matrix.filter((cell) => cell.count > 0)).toEqual([
      { referrerLevel: 2, decidedLevel: 3, count: 1 },
      { referrerLevel: 3, decidedLevel: 3, count: 1 },
      { referrerLevel: 4, decidedLevel: 3, count: 1 },
    ]);
    expect(report.disagreeing).toBe(2);
    expect(report.indicators).toEqual([
      { id: 'a', count: 2 },
      { id: 'b', count: 1 },
    ]);
  });
});
