import type { Command } from './args';
import { dataCommand } from './data';
import { explainCommand } from './explain';
import { trainCommand } from './train';
import { theoryCommand } from './theory';
import { sweepCommand } from './sweep';
import { reproduceCommand } from './reproduce';
import { exploreCommand } from './explore';

/** Every subcommand of `recourse`; a new one is one file plus one line here. */
export const COMMANDS: Command[] = [reproduceCommand, dataCommand, trainCommand, explainCommand, sweepCommand, theoryCommand, exploreCommand];
