import type { Browser, Page } from 'puppeteer-core';
import type { HandsetPage } from './handset.ts';
import type { PortalPage } from './portal.ts';

/** One mail from the dev outbox (`GET /emulator/api/mailbox/<address>`). */
export interface Mail {
  to: string;
  subject: string;
  body: string;
  sentAt: string;
}

/** What a scenario's `run` gets: the isolated gateway, the PC portal and the handsets it opens. */
export interface ScenarioContext {
  /** The run's own gateway, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The device picked for this run (`devices` or `--device`), if any. */
  readonly device: string | undefined;
  readonly browser: Browser;
  /** The PC browser tab, on the portal. */
  readonly pc: PortalPage;
  /** Runs one named step: timed, reported, and followed by a screenshot of every open tab. */
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /**
   * Opens another tab (a handset, a second phone) that is screenshotted after every step from now on;
   * `userAgent` makes the gateway see that handset.
   */
  openTab(label: string, options?: { userAgent?: string }): Promise<Page>;
  /** Opens the emulator (`/emulator/?device=&mail=`) as device `device` in a tab labelled with the device id. */
  handset(device: string, mail: string): Promise<HandsetPage>;
  /** The dev mailbox of `address`, newest last. */
  mailbox(address: string): Promise<Mail[]>;
  /** The gateway's time (ms): real time plus what `advanceClock` added. */
  now(): number;
  /**
   * Moves the gateway's clock forward (e.g. to the next day in Japan): the gateway restarts on the
   * same URL and data, so PC sessions end; log in again afterwards.
   */
  advanceClock(ms: number): Promise<void>;
  /** A note in the report and the progress output. */
  log(message: string): void;
}

export interface Scenario {
  /** Run by this name: `npm run scenario -- <name>`. Letters, digits and dashes. */
  name: string;
  description: string;
  /** Device ids from the catalogue; the scenario runs once per device unless `--device` picks one. */
  devices?: string[];
  run(ctx: ScenarioContext): Promise<void>;
}

export const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Checks a scenario's shape early, so a typo in a user file fails with a clear message. */
export function defineScenario(scenario: Scenario): Scenario {
  if (!SCENARIO_NAME.test(scenario.name)) throw new Error(`scenario name "${scenario.name}" must be lower-case letters, digits and dashes`);
  if (typeof scenario.run !== 'function') throw new Error(`scenario "${scenario.name}" has no run(ctx) function`);
  return scenario;
}

/** Fails the current step with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
