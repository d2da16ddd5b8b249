import type { Command } from './args';
import { dataCommand } from './data';
import { trainCommand } from './train';

/** Every subcommand of `recourse`; a new one is one file plus one line here. */
export const COMMANDS: Command[] = [dataCommand, trainCommand];
