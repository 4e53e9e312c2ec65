import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Real disk faults for the server's data dir, without touching its code: a tmpfs of a few MB that a filler
 * file fills up (ENOSPC), and a loop-mounted ext4 with errors=remount-ro that the kernel turns read-only
 * when told an error happened (/sys/fs/ext4/<dev>/trigger_fs_error), exactly as it does when a disk fails.
 * Both need root (CAP_SYS_ADMIN); `diskFaultSupport()` says what this machine allows and why not.
 */

const run = (command: string, ...args: string[]) =>
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();

export interface DiskFaultSupport {
  readonly tmpfs: string | true;
  readonly ext4: string | true;
}

/** `true` where the fault can be injected here, otherwise the reason it cannot. */
export const diskFaultSupport = (): DiskFaultSupport => {
  if (process.platform !== 'linux') return { tmpfs: 'not Linux', ext4: 'not Linux' };
  if (process.getuid?.() !== 0)
    return {
      tmpfs: 'not root: mounting needs CAP_SYS_ADMIN',
      ext4: 'not root: mounting needs CAP_SYS_ADMIN',
    };
  const probe = mkdtempSync(join(tmpdir(), 'claimtrail-mount-probe-'));
  let tmpfs: string | true;
  try {
    run('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe);
    run('umount', probe);
    tmpfs = true;
  } catch (error) {
    tmpfs = `mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
  rmSync(probe, { recursive: true, force: true });
  let ext4: string | true = true;
  for (const tool of ['mkfs.ext4', 'e2fsck', 'losetup', 'findmnt']) {
    try {
      run('sh', '-c', `command -v ${tool}`);
    } catch {
      ext4 = `${tool} is not installed`;
    }
  }
  if (ext4 === true && !existsSync('/sys/fs/ext4')) ext4 = 'the kernel has no ext4 sysfs (/sys/fs/ext4)';
  if (ext4 === true && tmpfs !== true) ext4 = tmpfs;
  return { tmpfs, ext4 };
};

export interface Mounted {
  readonly mountPoint: string;
  /** The server's data dir, inside the mount. */
  readonly dataDir: string;
  unmount(): void;
}

const unmountQuietly = (mountPoint: string) => {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      run('umount', mountPoint);
      return;
    } catch {
      execFileSync('sleep', ['0.1']);
    }
  }
  run('umount', '-l', mountPoint);
};

export const mountTmpfs = (sizeMb: number): Mounted & { fill(): number; clear(): void } => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'claimtrail-tmpfs-'));
  run('mount', '-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mountPoint);
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  const filler = join(mountPoint, 'filler');
  return {
    mountPoint,
    dataDir,
    /** Writes a file until the filesystem is full; returns the bytes written. */
    fill() {
      const fd = openSync(filler, 'a');
      let written = 0;
      try {
        for (const chunk of [1 << 20, 1 << 12, 1]) {
          const buffer = Buffer.alloc(chunk, 0x61);
          for (;;) {
            try {
              written += writeSync(fd, buffer);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
              break;
            }
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    clear() {
      rmSync(filler, { force: true });
    },
    unmount() {
      unmountQuietly(mountPoint);
      rmSync(mountPoint, { recursive: true, force: true });
    },
  };
};

export interface Ext4 extends Mounted {
  /** Tells the kernel the filesystem hit an error: with errors=remount-ro it turns read-only at once. */
  failReadOnly(message: string): void;
  isReadOnly(): boolean;
  /** What an operator does: unmount (the server must be stopped), e2fsck, mount again. */
  repair(): string;
}

export const mountExt4 = (sizeMb: number): Ext4 => {
  const root = mkdtempSync(join(tmpdir(), 'claimtrail-ext4-'));
  const image = join(root, 'disk.img');
  const mountPoint = join(root, 'mnt');
  mkdirSync(mountPoint);
  run('truncate', '-s', `${sizeMb}M`, image);
  run('mkfs.ext4', '-q', '-F', image);
  const mount = () => run('mount', '-o', 'loop,errors=remount-ro', image, mountPoint);
  mount();
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  const device = () => basename(run('findmnt', '-n', '-o', 'SOURCE', mountPoint).trim());
  const options = () => run('findmnt', '-n', '-o', 'OPTIONS', mountPoint).trim().split(',');
  return {
    mountPoint,
    dataDir,
    failReadOnly(message) {
      const trigger = `/sys/fs/ext4/${device()}/trigger_fs_error`;
      if (!existsSync(trigger)) throw new Error(`${trigger} does not exist on this kernel`);
      execFileSync('sh', ['-c', `printf '%s' "$1" > "$2"`, 'sh', message, trigger]);
    },
    isReadOnly: () => options().some((option) => option === 'ro' || option === 'emergency_ro'),
    repair() {
      unmountQuietly(mountPoint);
      let report: string;
      try {
        report = run('e2fsck', '-f', '-y', image);
      } catch (error) {
        // Exit status 1: errors were corrected. Anything above that is a real failure.
        const status = (error as { status?: number }).status;
        if (status !== 1) throw error;
        report = String((error as { stdout?: Buffer }).stdout ?? '');
      }
      mount();
      return report;
    },
    unmount() {
      try {
        unmountQuietly(mountPoint);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
};
