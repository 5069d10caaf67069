import { readFileSync, statSync } from 'node:fs';
import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Settings } from '../config/settings';

/**
 * The one source of "now" for deadlines, windows and timestamps, so the rules that depend on
 * time can be tested by moving the clock instead of waiting.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Test-only (TEST_CLOCK_FILE): the system time plus an offset in milliseconds read from a file,
 * so a test driving the built server as a child process can move its clock. The file is read
 * again when its mtime changes; a missing file means no offset.
 */
export class OffsetFileClock extends Clock {
  private offset = 0;
  private seenMtimeMs: number | null = null;

  constructor(private readonly file: string) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.currentOffset());
  }

  private currentOffset(): number {
    const mtimeMs = statSync(this.file, { throwIfNoEntry: false })?.mtimeMs ?? null;
    if (mtimeMs === null) {
      this.offset = 0;
      this.seenMtimeMs = null;
    } else if (mtimeMs !== this.seenMtimeMs) {
      const text = readFileSync(this.file, 'utf8').trim();
      // An empty file is a write caught halfway: keep the last offset and read it again next time.
      if (text === '') return this.offset;
      const offset = Number(text);
      if (!Number.isSafeInteger(offset)) throw new Error(`TEST_CLOCK_FILE ${this.file} must hold an integer of milliseconds, found "${text}"`);
      this.offset = offset;
      this.seenMtimeMs = mtimeMs;
    }
    return this.offset;
  }
}

@Global()
@Module({
  providers: [
    {
      provide: Clock,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Settings, true>): Clock => {
        const file = config.get('TEST_CLOCK_FILE', { infer: true });
        if (!file) return new SystemClock();
        new Logger('Clock').warn(`test clock: the time is moved by the offset in ${file} (TEST_CLOCK_FILE is for tests only)`);
        return new OffsetFileClock(file);
      },
    },
  ],
  exports: [Clock],
})
export class ClockModule {}
