import { build } from 'esbuild';
const r = await build({ stdin: { contents: process.argv[2], sourcefile: 'entry.js', resolveDir: process.cwd()+'/src', loader: 'js' }, bundle: true, minify: true, write: false, metafile: true, platform: 'browser', format: 'esm', external: ['node:*'], logLevel: 'silent' }).catch(e => { console.log(e.errors.map(x => x.text + ' ' + x.location?.file).join('\n')); process.exit(1); });
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 12);
for (const [p, v] of rows) console.log(v.bytesInOutput, p.replace(/.*node_modules\//, ''));
