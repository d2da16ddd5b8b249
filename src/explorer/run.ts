/** The explorer from a run held in memory (a notebook's `notebookRun` result), without a results folder. */
import { peopleOf } from '../experiments/people';
import { summarizeModels } from '../experiments/results';
import type { RunResult } from '../experiments/runner';
import { displayBundle } from '../figures/nb';
import { explorerData, type ExplorerData, type ModelInput, type SummaryInput } from './explorer-data';
import { explorerHtml } from './page';

/** The explorer's data for a run: its summary and model tables and its people, as `recourse explore` reads them from files. */
export function runExplorerData(r: RunResult, title = 'Robustness against recourse — this run'): ExplorerData {
  return explorerData(r.summary as unknown as SummaryInput[], summarizeModels(r.models) as unknown as ModelInput[], peopleOf(r), title);
}

/** Height of the inline frame: the page scrolls inside it. */
const FRAME_PX = 1500;

/** The explorer inline in a notebook: the standalone page in a frame of its own (its ids and styles kept apart from the notebook's). */
export function showExplorer(data: ExplorerData): void {
  const page = explorerHtml(data, null).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  displayBundle({
    'text/html': `<iframe title="trade-off explorer" srcdoc="${page}" style="width:100%;height:${FRAME_PX}px;border:1px solid #ddd"></iframe>`,
    'text/plain': `<explorer: ${data.selections.length} choices>`,
  });
}
