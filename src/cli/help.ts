/**
 * `--help` layout: examples drawn as `#` comment lines above whole commands, wrapped to the help width, so that
 * no example wraps into a description column. Kept apart from index.ts (which runs the CLI when imported).
 */

/** Width of `--help` (the terminal's, at most 110 columns; 110 when not a terminal). */
export const HELP_WIDTH = Math.min(110, process.stdout.columns || 110);

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * One `--help` example as yargs' (command, description) pair, drawn as `#` comment lines above the command:
 * yargs puts a description in a column beside the command, and a long command then wraps into that column.
 * Both are wrapped to the help width here (the comment as more `#` lines, the command with ` \`
 * continuations), so yargs never wraps them and every example stays pasteable into a shell.
 * @param width - the help width (yargs indents examples by 2 columns)
 */
export function example(command: string, description: string, width = HELP_WIDTH): [string, string] {
  const room = Math.max(30, width - 4);
  const comment = wrapWords(description, room - 2).map((line) => `# ${line}`);
  // Measured as printed: yargs replaces $0 with "busload".
  const printed = command.replaceAll('$0', 'busload');
  const commandLines = wrapWords(printed, room - 6).map(
    (line, index, all) => `${index === 0 ? '' : '    '}${line}${index < all.length - 1 ? ' \\' : ''}`,
  );
  return [[...comment, ...commandLines].join('\n'), ''];
}
