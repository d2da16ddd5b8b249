import { CACHE_KINDS, checkCacheDir } from '../util/artifacts';
import { RecourseError } from '../util/errors';
import { backendChoice } from '../backend-choice';
import { dataverseBase } from '../data/load';
import { progressEnabled, setLogMode } from '../util/log';
import { echo } from '../util/parse';
import { flushStdout, helpText, outputError, parseArgs, type Command } from './args';
import { COMMANDS } from './commands';

function usage(): string {
  const lines = ['usage: recourse <command> [options]   (recourse <command> --help for its options)', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  return lines.join('\n');
}

/** Reads every environment variable the toolkit uses, so a bad value fails before any work. */
function checkEnvironment(): void {
  progressEnabled();
  backendChoice();
  dataverseBase();
}

/** Parses the command line, checks the cache folder the command needs, then runs it. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) throw new RecourseError(`unknown command ${echo(name)}; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(cmd) + '\n');
    return 0;
  }
  const args = parseArgs(rest, cmd);
  setLogMode({ json: args.json === true });
  checkEnvironment();
  const kinds = cmd.caches ? cmd.caches(args) : args['no-cache'] === true ? [] : CACHE_KINDS;
  if (kinds.length) checkCacheDir(kinds);
  return cmd.run(args);
}

/** A RecourseError is one line `recourse: <message>`; anything else is an internal error with its stack. */
function fail(e: unknown): never {
  if (e instanceof RecourseError) process.stderr.write(`recourse: ${e.message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
  else process.stderr.write(`recourse: internal error: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
}

// a closed pipe (`recourse data | head -1`) ends the command quietly; any other failed write is a fault
process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(0) : fail(outputError(e))));

// started by bin/recourse.js: when the launcher dies without passing a signal on (SIGKILL), stop as on SIGTERM
const launcher = Number(process.env.RECOURSE_LAUNCHER_PID);
if (launcher > 0) setInterval(() => process.ppid !== launcher && process.kill(process.pid, 'SIGTERM'), 250).unref();

// exit only once the output has reached its destination, so a write that fails (a full disk) is not exit 0
main(process.argv.slice(2))
  .then(async (code) => {
    await flushStdout();
    process.exit(code);
  })
  .catch(fail);
