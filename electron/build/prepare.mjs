// `npm install`'s prepare step (and `npm ci`'s): builds the `kafkasder` command into dist/cli/
// (buildCli.ts, loaded through tsx's API, so no `.bin` shim or shell is needed). An install
// without the development packages (`--omit=dev`, NODE_ENV=production) has no esbuild to build
// it with: it says so and lets the install finish; the command then says how to build it.
let tsImport;
try {
  await import('esbuild');
  ({ tsImport } = await import('tsx/esm/api'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
  process.stderr.write(
    'kafkasder: komut derlenmedi (geliştirme paketleri kurulmamış: esbuild, tsx); `npm install` ile kurup `npm run build:cli` çalıştırın\n' +
      'kafkasder: the command was not built (the development packages, esbuild and tsx, are not installed); run `npm install`, then `npm run build:cli`\n',
  );
  process.exit(0);
}
const { buildCli } = await tsImport('./buildCli.ts', import.meta.url);
await buildCli();
