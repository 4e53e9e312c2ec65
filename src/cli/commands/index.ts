import type { CliCommand } from '../cli-command.js';
import { helpCommand } from './help.command.js';
import { tokenCommand } from './token.command.js';

/** Every subcommand, in the order `claimtrail help` lists them. A new command is one file and one line here. */
export const COMMANDS: readonly CliCommand[] = [tokenCommand, helpCommand];
