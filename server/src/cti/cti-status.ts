import { Injectable } from '@nestjs/common';
import type { CtiState } from '@receptivo/shared';

/** The telephony link's state as health and the UI report it; the AMI client updates it. */
@Injectable()
export class CtiStatus {
  state: CtiState = 'off';
}
