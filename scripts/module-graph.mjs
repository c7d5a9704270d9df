// Folder-level module graph of one source tree, from dependency-cruiser: arrows between rooms, their levels
// (a room's level is one more than the highest room it imports), folder cycles and file cycles.
//   node scripts/module-graph.mjs [root=server/src] [--tsconfig server/tsconfig.json] [--specs] [--arrows]
// Rooms: core/<x> and modules/<x> count as one room each; any other folder or top-level file is its own room.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tsconfig: { type: 'string' },
    specs: { type: 'boolean', default: false },
    arrows: { type: 'boolean', default: false },
  },
});
const root = (positionals[0] ?? 'server/src').replace(/\/$/, '');
const tsconfig = values.tsconfig ?? `${root.split('/')[0]}/tsconfig.json`;
const SPEC = /\.(spec|integration-spec|e2e-spec)\.tsx?$/;

const result = await cruise(
  [root],
  {
    tsConfig: { fileName: tsconfig },
    // Type-only imports are architecture too: `import type` from another room is still an arrow.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // Specs are left out unless asked for: they import test support from everywhere and hide the product's shape.
    exclude: { path: values.specs ? ['node_modules'] : ['node_modules', SPEC.source] },
    validate: true,
    ruleSet: { forbidden: [{ name: 'no-circular', severity: 'warn', from: {}, to: { circular: true } }] },
  },
  {},
  { tsConfig: extractTSConfig(resolve(tsconfig)) },
);

const inRoot = (path) => path.startsWith(`${root}/`);
const roomOf = (path) => {
  const parts = relative(root, path).split('/');
  return parts.length > 2 && (parts[0] === 'core' || parts[0] === 'modules') ? `${parts[0]}/${parts[1]}` : parts[0];
};

const modules = result.output.modules.filter((module) => inRoot(module.source));
const rooms = new Set(modules.map((module) => roomOf(module.source)));
const arrows = new Map(); // "from -> to" -> number of import lines
const fileCycles = new Set();
let fileArrows = 0;
for (const module of modules) {
  for (const dependency of module.dependencies) {
    if (!inRoot(dependency.resolved)) continue;
    fileArrows += 1;
    if (dependency.circular) {
      const cycle = dependency.cycle.map((step) => relative(root, step.name ?? step));
      const start = cycle.indexOf([...cycle].sort()[0]);
      fileCycles.add([...cycle.slice(start), ...cycle.slice(0, start)].join(' -> '));
    }
    const from = roomOf(module.source);
    const to = roomOf(dependency.resolved);
    if (from !== to) arrows.set(`${from} -> ${to}`, (arrows.get(`${from} -> ${to}`) ?? 0) + 1);
  }
}

// Strongly connected rooms (Tarjan): any group of more than one room is a folder cycle.
const edges = new Map([...rooms].map((room) => [room, []]));
for (const key of arrows.keys()) {
  const [from, to] = key.split(' -> ');
  edges.get(from).push(to);
}
const index = new Map();
const low = new Map();
const stack = [];
const componentOf = new Map();
const components = [];
const visit = (room) => {
  index.set(room, index.size);
  low.set(room, index.get(room));
  stack.push(room);
  for (const next of edges.get(room)) {
    if (!index.has(next)) {
      visit(next);
      low.set(room, Math.min(low.get(room), low.get(next)));
    } else if (!componentOf.has(next)) {
      low.set(room, Math.min(low.get(room), index.get(next)));
    }
  }
  if (low.get(room) === index.get(room)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      componentOf.set(member, components.length);
      component.push(member);
    } while (member !== room);
    components.push(component);
  }
};
for (const room of [...rooms].sort()) if (!index.has(room)) visit(room);

// Tarjan emits components dependencies-first, so one pass assigns levels.
const levelOfComponent = components.map(() => 0);
components.forEach((component, position) => {
  for (const room of component) {
    for (const next of edges.get(room)) {
      const target = componentOf.get(next);
      if (target !== position) levelOfComponent[position] = Math.max(levelOfComponent[position], levelOfComponent[target] + 1);
    }
  }
});
const levels = new Map();
components.forEach((component, position) => {
  const level = levelOfComponent[position];
  levels.set(level, [...(levels.get(level) ?? []), ...component].sort());
});
const folderCycles = components.filter((component) => component.length > 1);

console.log(
  `${root}: ${modules.length} files, ${fileArrows} file imports, ${rooms.size} rooms, ${arrows.size} room arrows, ${levels.size} levels, ${folderCycles.length} folder cycles, ${fileCycles.size} file cycles`,
);
console.log('\nLevels (a room imports only rooms on lower levels, or its own cycle):');
for (const level of [...levels.keys()].sort((a, b) => b - a))
  console.log(`  ${String(level).padStart(2)}  ${levels.get(level).join('  ')}`);
if (folderCycles.length) {
  console.log('\nFolder cycles (rooms that import each other, directly or around a loop):');
  for (const component of folderCycles) {
    const members = new Set(component);
    const inside = [...arrows.entries()].filter(([key]) => key.split(' -> ').every((room) => members.has(room)));
    console.log(`  { ${component.sort().join(', ')} }`);
    for (const [key, count] of inside) console.log(`      ${key}  (${count})`);
  }
}
if (fileCycles.size) {
  console.log('\nFile cycles:');
  for (const cycle of fileCycles) console.log(`  ${cycle}`);
}
if (values.arrows) {
  console.log('\nArrows (import lines):');
  for (const [key, count] of [...arrows.entries()].sort()) console.log(`  ${key}  (${count})`);
}
