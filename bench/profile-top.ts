import fs from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) this report reads. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  /** The node sampled at each tick, and the microseconds before each tick. */
  samples: number[];
  timeDeltas: number[];
}

/**
 * Microseconds per node sampled at least `afterSeconds` into the profile (a bench child's start-up is
 * not what a figure measures). A sample stands for the time until the next one: under load the
 * profiler's ticks come late and unevenly, so counting samples would weigh a preempted tick like any other.
 */
function hitsAfter(profile: Profile, afterSeconds: number): Map<number, number> {
  const hits = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += profile.timeDeltas[i] ?? 0;
    const lasted = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    if (elapsed >= afterSeconds * 1e6) hits.set(id, (hits.get(id) ?? 0) + lasted);
  });
  return hits;
}

interface Frame {
  name: string;
  self: number;
  inclusive: number;
}

/** A frame named by function and place; node_modules paths shortened to the package, so a library reads as one. */
function frameName(frame: ProfileNode['callFrame']): string {
  const where = frame.url.replace(/^file:\/\//, '');
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(where);
  const place = module ? `${module[1]}:${module[2]}` : where ? path.relative(process.cwd(), where) : '';
  const name = frame.functionName || '(anonymous)';
  return place ? `${name} ${place}:${frame.lineNumber + 1}` : name;
}

/**
 * Self and inclusive microseconds per frame, and the busy microseconds in all (idle time left out);
 * a frame counts once per stack however often it recurses.
 */
export function topFrames(profile: Profile, afterSeconds = 0): { frames: Frame[]; busy: number } {
  const hits = hitsAfter(profile, afterSeconds);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const frames = new Map<string, Frame>();
  const frameOf = (name: string) => frames.get(name) ?? frames.set(name, { name, self: 0, inclusive: 0 }).get(name)!;
  // Inclusive time of a node is its own time plus its subtree's, added to each distinct frame on its stack.
  const onStack = new Map<string, number>();
  let busy = 0;
  const visit = (node: ProfileNode): number => {
    const name = frameName(node.callFrame);
    const self = name === '(idle)' ? 0 : (hits.get(node.id) ?? 0);
    busy += self;
    frameOf(name).self += self;
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
    let total = self;
    for (const child of node.children ?? []) total += visit(byId.get(child)!);
    const depth = onStack.get(name)! - 1;
    if (depth === 0) {
      onStack.delete(name);
      frameOf(name).inclusive += total;
    } else onStack.set(name, depth);
    return total;
  };
  visit(profile.nodes[0]!);
  return { frames: [...frames.values()], busy };
}

function table(title: string, frames: Frame[], busy: number, key: 'self' | 'inclusive', top: number): string {
  const lines = [...frames]
    .sort((a, b) => b[key] - a[key])
    .slice(0, top)
    .map((f) => `${((100 * f[key]) / busy).toFixed(1).padStart(5)}%  ${f.name}`);
  return [`${title} (% of ${(busy / 1e6).toFixed(1)} busy seconds)`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const program = new Command()
    .name('profile-top')
    .description('The top frames of a V8 CPU profile, by self and by inclusive time.')
    .argument('<file>', 'a .cpuprofile written by node --cpu-prof')
    .option('--top <n>', 'frames per table', '25')
    .option('--after <seconds>', 'leave out the first seconds (start-up)', '0')
    .parse();
  const options = program.opts<{ top: string; after: string }>();
  const profile = JSON.parse(await fs.readFile(program.args[0]!, 'utf8')) as Profile;
  const top = Number(options.top);
  const { frames, busy } = topFrames(profile, Number(options.after));
  process.stdout.write(`${table('self', frames, busy, 'self', top)}\n\n${table('inclusive', frames, busy, 'inclusive', top)}\n`);
}

if (require.main === module) void main();
