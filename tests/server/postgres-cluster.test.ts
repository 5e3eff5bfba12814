import { describe, expect, it } from 'vitest';
import { INSTALL_HINT, startThrowawayPostgres } from '../../scripts/harness/postgres-cluster.ts';

describe('the throwaway PostgreSQL for the server tests', () => {
  it('fails, saying how to install PostgreSQL, when its binaries are missing', async () => {
    await expect(startThrowawayPostgres('/nonexistent/postgresql')).rejects.toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('apt-get install -y postgresql');
  });
});
