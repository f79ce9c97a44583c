// Adversarial (issue 16, point 7): a 5 MB edit was accepted, and the CLI then crashed building its
// report. Writes are now capped like reads.
import * as assert from 'node:assert/strict';
import { tempWorkspace } from '../agents/tempWorkspace';

describe('write size cap', () => {
  it('refuses a write larger than a file may be read, and journals nothing', async () => {
    const temp = await tempWorkspace({ 'src/a.ts': 'export {};\n' });
    try {
      await assert.rejects(temp.workspace.write('src/big.ts', 'x'.repeat(5 * 1024 * 1024), { workflowId: 'wf-1', agent: 'codebot' }), /over the 1048576-byte limit/);
      assert.equal(await temp.workspace.exists('src/big.ts'), false);
      assert.deepEqual(await temp.journal.readAll(), []);
    } finally {
      await temp.remove();
    }
  });
});
