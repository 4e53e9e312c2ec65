import type { CliCommand } from '../cli-command.js';
import { backupCommand } from './backup.command.js';
import { exportCommand } from './export.command.js';
import { helpCommand } from './help.command.js';
import { importCommand } from './import.command.js';
import { projectionsCommand } from './projections.command.js';
import { restoreCommand } from './restore.command.js';
import { statsCommand } from './stats.command.js';
import { tokenCommand } from './token.command.js';
import { verifyCommand } from './verify.command.js';

/** Every subcommand, in the order `claimtrail help` lists them. A new command is one file and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  tokenCommand,
  importCommand,
  exportCommand,
  projectionsCommand,
  verifyCommand,
  backupCommand,
  restoreCommand,
  statsCommand,
  helpCommand,
];
