import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, type CliIo } from '../../../src/cli/cliCommand';
import { connectModel } from '../../../src/cli/modelOptions';

describe('CLI --prices', () => {
  let folder: string;
  let io: CliIo;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-prices-'));
    io = { stdout: () => undefined, stderr: () => undefined, cwd: folder };
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('reads a price table into the model settings, as the editor reads imperium.model.prices', async () => {
    await writeFile(join(folder, 'prices.json'), JSON.stringify({ 'gpt-4o-mini': { promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 } }));
    const connection = await connectModel({ 'base-url': 'http://127.0.0.1:9/v1', model: 'gpt-4o-mini', prices: 'prices.json' }, io);
    assert.deepEqual(connection.settings.prices, { 'gpt-4o-mini': { promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 } });
    await connection.close();
  });

  it('refuses a missing file or a table that is not one, naming the file and the fault', async () => {
    await assert.rejects(connectModel({ 'base-url': 'http://127.0.0.1:9/v1', prices: 'none.json' }, io), (error: unknown) => error instanceof ConfigurationError && /--prices: .*none\.json cannot be read \(ENOENT\)/.test(error.message));
    await writeFile(join(folder, 'bad.json'), JSON.stringify({ 'gpt-4o-mini': { promptUsdPerMillion: -1, completionUsdPerMillion: 0.6 } }));
    await assert.rejects(connectModel({ 'base-url': 'http://127.0.0.1:9/v1', prices: 'bad.json' }, io), (error: unknown) => error instanceof ConfigurationError && /is not a price table: prices\["gpt-4o-mini"\]\.promptUsdPerMillion must be a number >= 0/.test(error.message));
    await writeFile(join(folder, 'list.json'), '[1, 2]');
    await assert.rejects(connectModel({ 'base-url': 'http://127.0.0.1:9/v1', prices: 'list.json' }, io), /must be a JSON object of model names to prices/);
  });

  it('prices the scripted model as free and says so; named with --model, as that model', async () => {
    const scenario = join(__dirname, '../../../examples/scenarios/bookshelf-citation.json');
    const free = await connectModel({ scenario }, io);
    try {
      assert.deepEqual(free.settings.prices, { 'scripted-demo': { promptUsdPerMillion: 0, completionUsdPerMillion: 0 } });
      assert.match(free.banner, /Priced as free \(scripted-demo\): its calls cost \$0\./);
    } finally {
      await free.close();
    }
    const named = await connectModel({ scenario, model: 'gpt-4o-mini' }, io);
    try {
      assert.equal(named.settings.prices, undefined);
      assert.match(named.banner, /Priced as gpt-4o-mini/);
    } finally {
      await named.close();
    }
  });
});
