import { z } from 'zod';

/**
 * The page's Content-Security-Policy allows no eval. Without this, zod probes `new Function` to
 * compile its object parsers and the browser reports a CSP violation for each probe, caught or not.
 * Imported first by main.tsx: zod reads the setting when each schema is built, at import time.
 */
z.config({ jitless: true });
