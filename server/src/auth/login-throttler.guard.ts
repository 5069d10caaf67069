import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * Counts login attempts per address and username: guessing one account is slowed down, while
 * hundreds of attendants behind the call center's single NAT address still sign in at shift start.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(request: Request): Promise<string> {
    const username = typeof request.body?.username === 'string' ? request.body.username.trim().toLowerCase() : '';
    return `${request.ip}|${username}`;
  }
}
