/**
 * Notebook size profile: `small` for headless CI runs (few instances, short training), `full` (the
 * default) for a person reproducing the paper. Set with RECOURSE_PROFILE=small|full.
 */
export function notebookProfile(): 'small' | 'full' {
  const p = (process.env.RECOURSE_PROFILE ?? 'full').trim();
  if (p !== 'small' && p !== 'full') throw new Error(`RECOURSE_PROFILE=${p} is not a profile; use small or full`);
  return p;
}
