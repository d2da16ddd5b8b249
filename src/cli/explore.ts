import type { Command } from './args';

export const exploreCommand: Command = {
  name: 'explore',
  summary:
    'write DIR/explorer.html from a `recourse reproduce` folder: an offline page to move a robustness slider and see what it costs in recourse, for everyone and for one person (docs/explorer.md)',
  positional: { name: 'dir', help: 'the output folder of `recourse reproduce` (its --out; default reproduction)' },
  flags: [{ name: 'json', help: 'print one JSON object (the file written and its size)' }],
  caches: () => [],
  run: async (args) => (await import('./explore-run')).runExplore(args),
};
