import { describe, expect, it } from '@jest/globals';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/cli-command.js';

const spec = { actor: 'string', role: 'string', dry: 'boolean' } as const;

describe('parseArgs', () => {
  it('reads --name value, --name=value, boolean flags and positionals in any order', () => {
    expect(parseArgs(['one', '--actor', 'alice', '--role=editor', '--dry', 'two'], spec)).toEqual({
      options: { actor: 'alice', role: 'editor', dry: true },
      positionals: ['one', 'two'],
    });
  });

  it('takes everything after -- as positional, and allows values that start with - via =', () => {
    expect(parseArgs(['--actor=--odd', '--', '--role', 'x'], spec)).toEqual({
      options: { actor: '--odd' },
      positionals: ['--role', 'x'],
    });
    expect(parseArgs(['--actor', '-'], spec).options.actor).toBe('-');
  });

  it.each([
    [['--nope'], /unknown option --nope/],
    [['-x'], /unknown option -x/],
    [['--actor'], /--actor needs a value/],
    [['--actor', '--role', 'admin'], /--actor needs a value/],
    [['--actor', 'a', '--actor', 'b'], /--actor is given more than once/],
    [['--dry=yes'], /--dry takes no value/],
    [['--constructor', 'x'], /unknown option --constructor/],
  ])('rejects %j as a usage error', (argv, message) => {
    expect(() => parseArgs(argv, spec, 'token')).toThrow(UsageError);
    expect(() => parseArgs(argv, spec, 'token')).toThrow(message);
  });
});
