// Imported first by main.tsx: schemas are built when their modules load, and zod probes
// `new Function` then unless jitless is already set. The CSP forbids eval, so the probe would be
// reported as a violation.
import { z } from 'zod';

z.config({ jitless: true });
