import type { RecordedStep } from '../recording.ts';

/** What the recorder sees of the phone when the tester acts: the screen's title and the code shown, if any. */
export interface Glance {
  title: string;
  otp: string | null;
}

/**
 * Records the tester's actions, with a wait for each new screen and a read for each new code just
 * before the next action (the tester acted on what was on screen then).
 */
export class Recorder {
  private steps: RecordedStep[] | null = null;
  private lastTitle = '';
  private lastCode = '';

  constructor(private readonly glance: () => Glance, private readonly onChange: (count: number) => void = () => undefined) {}

  get active(): boolean {
    return this.steps !== null;
  }

  start(): void {
    this.steps = [];
    this.lastTitle = '';
    this.lastCode = '';
    this.onChange(0);
  }

  action(step: RecordedStep): void {
    if (!this.steps) return;
    this.observe();
    this.steps.push(step);
    this.onChange(this.steps.length);
  }

  stop(): RecordedStep[] {
    this.observe();
    const steps = this.steps ?? [];
    this.steps = null;
    return steps;
  }

  private observe(): void {
    if (!this.steps) return;
    const { title, otp } = this.glance();
    if (title && title !== this.lastTitle && !title.endsWith('…')) {
      this.steps.push({ kind: 'wait', text: title });
      this.lastTitle = title;
    }
    if (otp && otp !== this.lastCode) {
      this.steps.push({ kind: 'otp' });
      this.lastCode = otp;
    }
  }
}
