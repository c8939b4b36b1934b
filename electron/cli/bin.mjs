#!/usr/bin/env node
// The `kafkasder` command: runs the bundle that `npm install` (the prepare script) and `npm run
// build` write to dist/cli/.
let main;
try {
  ({ main } = await import(new URL('../../dist/cli/main.mjs', import.meta.url).href));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli/main.mjs')) throw err;
  process.stderr.write(
    'kafkasder: komut henüz derlenmedi; proje klasöründe `npm run build:cli` (ya da `npm install`) çalıştırın\n' +
      'kafkasder: the command is not built yet; run `npm run build:cli` (or `npm install`) in the project folder\n',
  );
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
