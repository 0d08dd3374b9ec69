/** The summary's JSON payload as `farmland summary --json` prints it (without metadata). */
import { summaryJson } from '../core/report/json';
import type { Summary } from '../core/analysis/summary';

export const summaryFromDbJson = (s: Summary): Record<string, unknown> => summaryJson(s);
