import { RecourseError } from '../util/errors';
import { helpText, parseArgs, type Command } from './args';
import { COMMANDS } from './commands';

function usage(): string {
  const lines = ['usage: recourse <command> [options]   (recourse <command> --help for its options)', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) throw new RecourseError(`unknown command '${name}'; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(cmd) + '\n');
    return 0;
  }
  return cmd.run(parseArgs(rest, cmd));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof RecourseError) process.stderr.write(`recourse: ${e.message}\n`);
    else process.stderr.write(`recourse: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
