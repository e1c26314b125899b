import { countdown, countdownKey, countdownState, nextChangeAt, type Countdown, type CountdownState } from './session';

export interface CountdownItem {
  readonly id: string;
  readonly expiration?: number;
}

export interface CountdownTick {
  /** Ids whose text or state differs from what was last shown. */
  readonly changed: readonly string[];
  /** When to call `tick` again; undefined when nothing will change. */
  readonly nextAt?: number;
}

/**
 * Decides which countdown labels to redraw and when to wake up next, so a view redraws only the
 * labels whose text changes, and no sooner than the text changes.
 */
export class CountdownScheduler {
  private readonly shown = new Map<string, string>();

  constructor(private warningMs: number) {}

  setWarningMs(warningMs: number): void {
    this.warningMs = warningMs;
  }

  /** Time left and state for one item at `now`, as the view should show it. */
  view(item: CountdownItem, now: number): { countdown: Countdown; state: CountdownState } {
    return { countdown: countdown(item.expiration, now), state: countdownState(item.expiration, now, this.warningMs) };
  }

  /** Compares each item with what was last shown, remembers the new text, and plans the next tick. */
  tick(items: readonly CountdownItem[], now: number): CountdownTick {
    const changed: string[] = [];
    let nextAt: number | undefined;
    const live = new Set<string>();
    for (const item of items) {
      live.add(item.id);
      // Compared as data: the words are made only for the labels that change.
      const { countdown: left, state } = this.view(item, now);
      const key = `${countdownKey(left)}|${state}`;
      if (this.shown.get(item.id) !== key) {
        this.shown.set(item.id, key);
        changed.push(item.id);
      }
      const at = nextChangeAt(item.expiration, now, this.warningMs);
      if (at !== undefined && (nextAt === undefined || at < nextAt)) nextAt = at;
    }
    for (const id of [...this.shown.keys()]) if (!live.has(id)) this.shown.delete(id);
    return { changed, nextAt };
  }

  /** Forgets what was shown, so the next tick reports every item (after the view was hidden). */
  reset(): void {
    this.shown.clear();
  }
}
