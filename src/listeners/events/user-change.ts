import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { applyProfileChange } from '../../services/time-zone-change.js';

const userSchema = z.object({ id: z.string().max(64), tz: z.string().max(64).nullish(), locale: z.string().max(35).nullish() });

/** `user_change`: a person's profile changed; their time zone may have (travel, a move). */
export const handleUserChange =
  (deps: Deps) =>
  async ({ event, body, logger }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'user_change'>): Promise<void> => {
    const user = userSchema.safeParse(event.user);
    if (!user.success) return;
    try {
      await applyProfileChange(deps, { teamId: body.team_id, userId: user.data.id, tz: user.data.tz ?? null, locale: user.data.locale ?? null });
    } catch (error) {
      logger.error('user_change: could not apply the profile change', { teamId: body.team_id, userId: user.data.id }, error);
    }
  };
