declare module 'asterisk-manager' {
  import type { AmiEvent } from './call-tracker';

  /** asterisk-manager 0.2: the parts Receptivo uses (its behaviour against Asterisk 22: docs/cti.md). */
  interface AsteriskManager {
    connect(port: number, host: string, callback?: () => void): void;
    login(callback: (error?: AmiEvent) => void): void;
    action(action: Record<string, unknown>, callback?: (error: AmiEvent | undefined, response: AmiEvent) => void): string;
    disconnect(callback?: () => void): void;
    isConnected(): boolean;
    on(event: 'managerevent' | 'response' | 'asterisk', listener: (event: AmiEvent) => void): void;
    on(event: 'connect' | 'close' | 'end', listener: () => void): void;
    once(event: 'close', listener: () => void): void;
    on(event: 'error', listener: (error: Error) => void): void;
    removeAllListeners(): void;
    /** What its socket reader hands on: the library turns it into responses and events. */
    emit(event: 'rawevent', frame: AmiEvent): boolean;
  }

  function Manager(port?: number, host?: string, username?: string, password?: string, events?: boolean): AsteriskManager;
  export = Manager;
}
