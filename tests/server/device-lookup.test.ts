import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../server/store/database.ts';
import { createDevice, deviceLookup, enrolDevice, revokeDevice } from '../../server/store/devices.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';

/** Counts the statements a Kysely instance sends. */
function statementCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

describe.each(DATABASE_KINDS)('looking up devices by token on %s', (kind) => {
  let testDatabase: TestDatabase;
  let database: OpenDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    database = await openDatabase(testDatabase.config);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  async function enrolled(name: string) {
    const { code } = await createDevice(database.db, name, 1);
    const enrolment = await enrolDevice(database.db, code);
    if (!enrolment) throw new Error('the device did not enrol');
    return enrolment;
  }

  it('answers the tokens that arrive together in one statement, each with its own device', async () => {
    const [first, second] = [await enrolled('First tablet'), await enrolled('Second tablet')];
    const counter = statementCounter();
    const lookUp = deviceLookup(database.db.withPlugin(counter));
    const tokens = Array.from({ length: 16 }, (_, index) =>
      index % 3 === 0 ? first.token : index % 3 === 1 ? second.token : 'not-a-token-anyone-was-given',
    );
    const devices = await Promise.all(tokens.map((token) => lookUp(token)));
    expect(devices).toEqual(
      tokens.map((token) =>
        token === first.token ? first.deviceId : token === second.token ? second.deviceId : undefined,
      ),
    );
    expect(counter.count).toBe(1);
  });

  it('refuses a device from the first look-up after it is revoked, whoever revoked it', async () => {
    const device = await enrolled('Revoked tablet');
    const lookUp = deviceLookup(database.db);
    expect(await lookUp(device.token)).toBe(device.deviceId);
    // As the admin CLI does, from its own connection.
    const other = await openDatabase(testDatabase.config);
    try {
      expect(await revokeDevice(other.db, device.deviceId)).toBe('revoked');
    } finally {
      await other.close();
    }
    expect(await lookUp(device.token)).toBeUndefined();
  });
});
