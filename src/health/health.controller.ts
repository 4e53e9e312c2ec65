import { Controller, Get } from '@nestjs/common';

@Controller()
export class HealthController {
  /** Liveness: the process answers. Readiness (`/ready`) belongs to the projector. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
