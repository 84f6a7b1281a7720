// The command line of the JavaScript benchmarks: `--name value` options.

/** `--name value` from this process's command line, or `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
