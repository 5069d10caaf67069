import { createHash, createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { Settings } from '../config/settings';
import { LOGIN_POLICY } from './login-policy';

/** A device where a user signed in before: it passes that user's account wait (docs/http-api.md). */
export interface KnownDevice {
  deviceId: string;
}

interface DeviceClaims {
  usr: string;
  dev: string;
}

/**
 * Signs and checks the device tokens a successful login leaves in an HttpOnly cookie. One cookie per
 * username, so the attendants sharing a desk over the shifts each keep theirs. The key is derived
 * from the session secret but differs from it: a device token is never a session token.
 */
@Injectable()
export class DeviceTokens {
  private readonly jwt: JwtService;

  constructor(config: ConfigService<Settings, true>) {
    const key = createSecretKey(createHmac('sha256', config.get('jwtSecret', { infer: true })).update('receptivo device token').digest());
    this.jwt = new JwtService({ secret: key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
  }

  /** The cookie name for one (normalized) username: a digest, so the username is not spelled in the browser. */
  cookieName(username: string): string {
    return `receptivo_device_${createHash('sha256').update(username).digest('hex').slice(0, 16)}`;
  }

  issue(username: string, known?: KnownDevice): Promise<string> {
    const claims: DeviceClaims = { usr: username, dev: known?.deviceId ?? randomUUID() };
    return this.jwt.signAsync(claims, { expiresIn: `${LOGIN_POLICY.deviceTokenDays}d` });
  }

  /** The device the token names, if it is ours, unexpired and issued to this username. */
  async check(token: string | undefined, username: string): Promise<KnownDevice | undefined> {
    if (!token) return undefined;
    try {
      const claims = await this.jwt.verifyAsync<DeviceClaims>(token);
      return claims.usr === username && typeof claims.dev === 'string' ? { deviceId: claims.dev } : undefined;
    } catch {
      return undefined;
    }
  }
}
