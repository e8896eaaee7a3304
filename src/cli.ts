// The `klaxon` entry point: parses the subcommand and hands over to the part that runs it.
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write('usage: klaxon <sandbox|bot|worker|exec|commands|report|doctor>\n');
    return 0;
  }
  process.stderr.write(`klaxon: unknown command '${command}'\n`);
  return 2;
}
