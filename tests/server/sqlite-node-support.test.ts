import { describe, expect, it } from 'vitest';
import { DatabaseSetupError } from '../../server/store/database-start-up.ts';
import { refuseUnsafeSqliteNode, sqliteDriverIsSafeOn } from '../../server/store/sqlite-node-support.ts';

describe('the SQLite driver on each Node.js release', () => {
  it('runs on the releases it is tested on', () => {
    for (const version of ['20.19.0', '20.20.2', '22.13.0', '22.23.3', '24.18.9']) {
      expect(sqliteDriverIsSafeOn(version)).toBe(true);
    }
  });

  it('is refused from Node.js 24.19, where its statements can abort the process', () => {
    for (const version of ['24.19.0', '24.21.0', '25.1.0', '26.0.0']) {
      expect(sqliteDriverIsSafeOn(version)).toBe(false);
    }
  });

  it('says what to do instead, in one sentence a council IT team can act on', () => {
    expect(() => refuseUnsafeSqliteNode('24.21.0')).toThrow(DatabaseSetupError);
    expect(() => refuseUnsafeSqliteNode('24.21.0')).toThrow(
      /cannot run safely on Node\.js 24\.21\.0 yet.*Node\.js 22 LTS.*DATABASE_URL/,
    );
    expect(() => refuseUnsafeSqliteNode('22.23.3')).not.toThrow();
  });
});
