import { build } from 'esbuild';
import { nodeCjsBundle } from '/work/wt/speed/electron/build/nodeBundle.ts';
const entry = process.argv[2] ?? 'electron/main/main.ts';
const r = await build({ ...nodeCjsBundle(entry, '/tmp/speed-out.cjs'), absWorkingDir: '/work/wt/speed', metafile: true });
const inputs = Object.keys(r.metafile.inputs).filter(p=>p.includes('node_modules')).map(p=>{const s=p.split('node_modules/').at(-1)!.split('/'); return s[0].startsWith('@')? s[0]+'/'+s[1]: s[0];});
console.log('bundled', [...new Set(inputs)]);
const ext = new Set<string>(); for (const o of Object.values(r.metafile.outputs)) for (const i of o.imports) if (i.external) ext.add(i.path); console.log('external', [...ext].filter(p=>!p.startsWith('node:')));
