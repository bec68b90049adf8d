/**
 * The shell commands README.md shows in its ```sh blocks, one per entry: continuation lines joined,
 * trailing `# comments` and comment-only lines dropped.
 */
export function readmeCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .map((line) => line.replace(/\s{2,}#.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}
