import { Injectable } from '@nestjs/common';
import type { LoginRequest, LoginResponse } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';
import { AuthService } from './auth.service';
import { DeviceTokens } from './device-tokens';
import { LoginAttempts } from './login-attempts';
import { addressKey } from './login-policy';

export interface SignedIn {
  session: LoginResponse;
  /** To keep on the device: it makes the device known for this username at its next logins. */
  deviceToken: string;
}

/** A login under the login protection (docs/http-api.md): admitted, checked, counted if it failed. */
@Injectable()
export class SignIn {
  constructor(
    private readonly auth: AuthService,
    private readonly attempts: LoginAttempts,
    private readonly devices: DeviceTokens,
  ) {}

  async signIn(credentials: LoginRequest, address: string, deviceToken: string | undefined): Promise<SignedIn> {
    const attempt = { username: credentials.username, address: addressKey(address), device: await this.devices.check(deviceToken, credentials.username) };
    const admission = await this.attempts.admit(attempt);
    let session: LoginResponse;
    try {
      session = await this.auth.login(credentials);
    } catch (error) {
      if (error instanceof ApiException && error.code === 'INVALID_CREDENTIALS') await this.attempts.failed(attempt, admission);
      throw error;
    }
    await this.attempts.succeeded(attempt);
    return { session, deviceToken: await this.devices.issue(credentials.username, attempt.device) };
  }
}
