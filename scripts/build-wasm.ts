/**
 * Compiles src/engine/shells/shell-sampler.wat into shell-sampler.wasm (committed, so no user needs a compiler):
 * `npm run build:wasm`. `--check` only says whether the committed file is what the source compiles to
 * (test/shell-wasm.test.ts checks the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';
import { SHELL_WASM_FILE } from '../src/engine/shells/shell-wasm';

/** The bytes that src/engine/shells/shell-sampler.wat compiles to. */
export async function compileShellWat(root = process.cwd()): Promise<Uint8Array> {
  const w = await wabt();
  const file = join(root, 'src', 'engine', 'shells', 'shell-sampler.wat');
  const m = w.parseWat(file, readFileSync(file, 'utf8'), { bulk_memory: true });
  try {
    m.validate();
    return m.toBinary({}).buffer;
  } finally {
    m.destroy();
  }
}

if (process.argv[1]?.endsWith('build-wasm.ts')) {
  const bytes = await compileShellWat();
  const target = join(process.cwd(), SHELL_WASM_FILE);
  if (process.argv.includes('--check')) {
    const same = Buffer.from(bytes).equals(readFileSync(target));
    console.log(same ? `${SHELL_WASM_FILE} is up to date` : `${SHELL_WASM_FILE} is stale: run npm run build:wasm`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(target, bytes);
  console.log(`wrote ${SHELL_WASM_FILE} (${bytes.length} bytes)`);
}
