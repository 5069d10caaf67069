import { z } from 'zod';

/** Machine-readable reasons; the UI shows `message` (pt-BR) and may branch on `code`. */
export const apiErrorCodes = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'USER_DISABLED',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  /** A citizen on a temporary portal password: the portal asks for a new one first. */
  'PASSWORD_CHANGE_REQUIRED',
  /** A portal password-reset link that is unknown, used or past its hour. */
  'RESET_LINK_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'BUSINESS_RULE',
  'TOO_MANY_ATTEMPTS',
  'PAYLOAD_TOO_LARGE',
  /** Telephony is off, down, or does not know the extension. */
  'CTI_UNAVAILABLE',
  /** Asterisk refused the action (QueuePause…); the message carries its reason. */
  'CTI_REFUSED',
  /** An Idempotency-Key sent again with another operation or other data. */
  'IDEMPOTENCY_KEY_REUSED',
  /** The first send of this Idempotency-Key never finished: whether it ran is not known. */
  'IDEMPOTENCY_UNCERTAIN',
  /** The database cannot be reached right now (503): try again in a moment. */
  'DATABASE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export const apiErrorCodeSchema = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

/**
 * The one shape of every API error. `fields` names invalid inputs by path ("address.cep");
 * `existingId` is the record a CONFLICT ran into (the customer who already has this CPF), given
 * only to a caller who may open it.
 */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: apiErrorCodeSchema,
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  existingId: z.string().uuid().optional(),
  requestId: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
