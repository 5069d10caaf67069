import { z } from 'zod';

/**
 * The header that makes a write safe to send again (README, Desktop app, attendance drafts): the server runs
 * the operation once per user and key and answers a repetition with the stored response.
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on a response the server replayed from a stored key instead of running the operation again. */
export const IDEMPOTENT_REPLAY_HEADER = 'Idempotent-Replayed';

/** A UUID fits; anything from 8 to 100 letters, digits and `_ - . :` is accepted. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'A chave de idempotência deve ter de 8 a 100 letras, números ou _ - . :');
