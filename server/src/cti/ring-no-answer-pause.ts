/**
 * Ring-no-answer auto-pause (RONA): an attendant who lets `limit` queue calls in a row ring out is
 * paused in the PBX with `reason`, so the queue stops offering them calls that bounce back to the
 * waiting citizens; their desk says why and they resume when ready. An answered call starts the
 * count over, and so does the pause it leads to. A limit of 0 never pauses.
 */
export class RingNoAnswerPause {
  private readonly missed = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly reason: string,
    private readonly setPaused: (extension: string, paused: boolean, reason: string) => Promise<void>,
    private readonly warn: (message: string) => void,
  ) {}

  /** A queue call rang out at the extension. */
  notAnswered(extension: string): void {
    if (this.limit === 0) return;
    const count = (this.missed.get(extension) ?? 0) + 1;
    if (count < this.limit) {
      this.missed.set(extension, count);
      return;
    }
    this.missed.delete(extension);
    this.setPaused(extension, true, this.reason).catch((error: unknown) =>
      this.warn(`não foi possível pausar o ramal ${extension} após ${count} chamadas sem resposta: ${String(error)}`),
    );
  }

  answered(extension: string): void {
    this.missed.delete(extension);
  }
}
