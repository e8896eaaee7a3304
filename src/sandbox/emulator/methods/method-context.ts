// What every emulated Web API method receives and returns.
import type { EmulatorState } from '../emulator-state.js';

export type MethodResult = { readonly ok: true; readonly [key: string]: unknown } | { readonly ok: false; readonly error: string; readonly [key: string]: unknown };

export interface MethodContext {
  readonly state: EmulatorState;
  readonly args: Record<string, unknown>;
  /** The emulator's own base URL (for upload URLs and permalinks). */
  readonly baseUrl: string;
  /** Report `no_text` for blocks without a text fallback (the real API only warns). */
  readonly strict: boolean;
}

export type MethodHandler = (context: MethodContext) => MethodResult;

export const fail = (error: string, extra: Record<string, unknown> = {}): MethodResult => ({ ok: false, error, ...extra });

export const succeed = (fields: Record<string, unknown> = {}): MethodResult => ({ ok: true, ...fields });

/** A string argument (numbers and booleans as sent in forms are read as strings); undefined when absent or empty. */
export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function booleanArg(args: Record<string, unknown>, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === '1' || value === 1;
}
