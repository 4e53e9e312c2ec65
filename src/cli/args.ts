import { UsageError } from './cli-command.js';

/**
 * A deliberately small option parser: `--name value`, `--name=value`, boolean `--flag`, `--` to end the
 * options, everything else positional. Unknown, repeated and value-less options are usage errors, and a
 * value that itself starts with `--` must be written `--name=--value`, so a forgotten value never
 * silently swallows the next option.
 */

export type OptionKind = 'string' | 'boolean';
export type OptionSpec = Readonly<Record<string, OptionKind>>;
export type ParsedOptions<Spec extends OptionSpec> = {
  -readonly [Name in keyof Spec]?: Spec[Name] extends 'string' ? string : boolean;
};

export interface ParsedArgs<Spec extends OptionSpec> {
  readonly options: ParsedOptions<Spec>;
  readonly positionals: readonly string[];
}

export const parseArgs = <Spec extends OptionSpec>(
  argv: readonly string[],
  spec: Spec,
  command?: string,
): ParsedArgs<Spec> => {
  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`, command);
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown option --${name}`, command);
    if (Object.hasOwn(options, name)) throw new UsageError(`--${name} is given more than once`, command);
    if (kind === 'boolean') {
      if (equals >= 0) throw new UsageError(`--${name} takes no value`, command);
      options[name] = true;
    } else if (equals >= 0) {
      options[name] = arg.slice(equals + 1);
    } else {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${name} needs a value`, command);
      options[name] = value;
      index++;
    }
  }
  return { options: options as ParsedOptions<Spec>, positionals };
};
