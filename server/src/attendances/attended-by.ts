import { webOriginLabels, webOrigins } from '@receptivo/shared';

/**
 * SQL for who attended (or registered): the staff user's name, or, for a web attendance, where it
 * came from, with the labels the shared `attendedBy` gives. `user` and `attendance` are the aliases
 * of the LEFT JOINed users row and of the attendance.
 */
export const attendedByName = (user: string, attendance: string): string =>
  `coalesce(${user}.name, CASE ${attendance}.web_origin ${webOrigins.map((origin) => `WHEN '${origin}' THEN '${webOriginLabels[origin]}'`).join(' ')} END)`;
