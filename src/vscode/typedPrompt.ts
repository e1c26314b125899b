// The one prompt for steps that offer matches while the person types (Simulate Request's steps,
// the caller of Assume Role). What is in the input box when Enter is pressed decides, whatever data
// arrives later: see core/prompts/typedChoice.ts for the rule.
//
// Why rows are only ever appended: the extension host names the highlighted row by its index in the
// list it last sent. A list redrawn while someone types (a row put first, data merged in) lets the
// index the workbench sends on Enter name another row of the new list: Enter then took an action
// that was never typed. Appending keeps every index naming the row it named when it was shown.
import * as vscode from 'vscode';
import { acceptTyped } from '../core/prompts/typedChoice';

export interface PromptRow extends vscode.QuickPickItem {
  /** What the row stands for; rows without one (a problem) are never taken. */
  readonly value?: string;
}

/** What a step ends with: a value (and the row it was chosen from, if any), Back to the step before, or undefined when dismissed. */
export type StepAnswer<T = string> = { readonly value: T; readonly row?: PromptRow } | 'back' | undefined;

export interface TypedStep {
  readonly title: string;
  readonly placeholder: string;
  readonly rows: readonly PromptRow[];
  /** Why a value cannot be used; undefined when it can. */
  readonly validate: (value: string) => string | undefined;
  /** Awaited after Enter, before the value is judged: data that judging needs (the IAM data of a service). */
  readonly settle?: (typed: string) => Promise<void>;
  /** Called as the person types; `add` offers more rows (appended, never reordered). */
  readonly onType?: (typed: string, add: (rows: readonly PromptRow[]) => void) => void;
  /** The text to start with (a value chosen before Back). */
  readonly value?: string;
  /** Shows the Back button. */
  readonly back?: boolean;
  /** The row highlighted first (the selected tree item, say). */
  readonly active?: (row: PromptRow) => boolean;
}

/** A quick pick whose rows only grow; problems show in one row of their own. */
class GrowingPick {
  readonly qp = vscode.window.createQuickPick<PromptRow>();
  private readonly rows: PromptRow[] = [];
  private problemAt = -1;

  constructor(step: { title: string; placeholder: string; back?: boolean; value?: string }) {
    const qp = this.qp;
    qp.title = step.title;
    qp.placeholder = step.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.ignoreFocusOut = true;
    if (step.back) qp.buttons = [vscode.QuickInputButtons.Back];
    if (step.value) qp.value = step.value;
  }

  get offered(): readonly PromptRow[] {
    return this.rows;
  }

  add(rows: readonly PromptRow[]): void {
    // Rows of one value with different labels are different choices (a user's own keys and its GetSessionToken session).
    const fresh = rows.filter((r) => r.value === undefined || !this.rows.some((o) => o.value === r.value && o.label === r.label));
    if (!fresh.length) return;
    this.rows.push(...fresh);
    this.qp.items = this.rows.slice();
  }

  /** Shows (or hides, with undefined) the problem row, always at the same index. */
  problem(text: string | undefined): void {
    if (text === undefined && this.problemAt < 0) return;
    const [first, ...rest] = (text ?? '').split(/(?<=\.) (?=It accepts )/);
    const row: PromptRow = { label: `$(error) ${first}`, detail: rest.join(' ') || undefined, alwaysShow: text !== undefined };
    if (this.problemAt < 0) this.problemAt = this.rows.push(row) - 1;
    else this.rows[this.problemAt] = row;
    this.qp.items = this.rows.slice();
  }

  /** The highlighted row when Enter was pressed, if it is one with a value. */
  highlighted(): PromptRow | undefined {
    const row = this.qp.selectedItems[0] ?? this.qp.activeItems[0];
    return row?.value !== undefined ? row : undefined;
  }

  /** No typing while the answer is judged: the text at Enter is the one judged. */
  hold(on: boolean): void {
    this.qp.busy = on;
    this.qp.enabled = !on;
  }
}

/** Asks one step; resolves with the accepted value, 'back', or undefined when dismissed. */
export function askTyped(step: TypedStep): Promise<StepAnswer> {
  return new Promise((resolve) => {
    const pick = new GrowingPick(step);
    const { qp } = pick;
    pick.add(step.rows);
    const first = step.active ? step.rows.find(step.active) : undefined;
    if (first) qp.activeItems = [first];
    let done = false;
    let judging = false;
    const finish = (answer: StepAnswer) => {
      if (done) return;
      done = true;
      resolve(answer);
      qp.dispose();
    };
    qp.onDidChangeValue((v) => {
      pick.problem(undefined);
      step.onType?.(v.trim(), (rows) => pick.add(rows));
    });
    qp.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish('back');
    });
    qp.onDidAccept(async () => {
      if (judging) return;
      judging = true;
      // Both are read at Enter, before anything is awaited.
      const typed = qp.value;
      const highlighted = pick.highlighted();
      try {
        if (step.settle) {
          pick.hold(true);
          await step.settle(typed.trim()).catch(() => undefined);
          pick.hold(false);
        }
        const answer = acceptTyped(typed, highlighted, pick.offered, step.validate);
        if ('value' in answer) finish({ value: answer.value, row: highlighted?.value === answer.value ? highlighted : pick.offered.find((r) => r.value === answer.value) });
        else pick.problem(answer.problem);
      } finally {
        judging = false;
      }
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

export interface ManyStep {
  readonly title: string;
  readonly placeholder: string;
  readonly rows: readonly PromptRow[];
  /** Why a typed value cannot be used; undefined when it can. */
  readonly validate: (value: string) => string | undefined;
  readonly back?: boolean;
}

/**
 * A step where several rows may be ticked (none is fine). A text still in the box at Enter counts
 * too, by the same rule as askTyped: valid as typed, else its highlighted match.
 */
export function askMany(step: ManyStep): Promise<StepAnswer<string[]>> {
  return new Promise((resolve) => {
    const pick = new GrowingPick(step);
    const { qp } = pick;
    qp.canSelectMany = true;
    pick.add(step.rows);
    let done = false;
    const finish = (answer: StepAnswer<string[]>) => {
      if (done) return;
      done = true;
      resolve(answer);
      qp.dispose();
    };
    qp.onDidChangeValue(() => pick.problem(undefined));
    qp.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish('back');
    });
    qp.onDidAccept(() => {
      const typed = qp.value;
      const ticked = qp.selectedItems.map((r) => r.value).filter((v): v is string => v !== undefined);
      if (!typed.trim()) return finish({ value: ticked });
      const active = qp.activeItems[0];
      const answer = acceptTyped(typed, active?.value !== undefined ? active : undefined, pick.offered, step.validate);
      if ('problem' in answer) return pick.problem(answer.problem);
      finish({ value: ticked.includes(answer.value) ? ticked : [...ticked, answer.value] });
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

/** A free-text step with Back; the value at Enter is judged, and a problem keeps the box open. */
export function askValue(o: { title: string; prompt?: string; value?: string; placeholder?: string; valueSelection?: [number, number]; validate: (value: string) => string | undefined; back?: boolean }): Promise<StepAnswer> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.ignoreFocusOut = true;
    if (o.value !== undefined) box.value = o.value;
    if (o.valueSelection) box.valueSelection = o.valueSelection;
    if (o.back) box.buttons = [vscode.QuickInputButtons.Back];
    let done = false;
    const finish = (answer: StepAnswer) => {
      if (done) return;
      done = true;
      resolve(answer);
      box.dispose();
    };
    box.onDidChangeValue(() => (box.validationMessage = undefined));
    box.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish('back');
    });
    box.onDidAccept(() => {
      const value = box.value.trim();
      const problem = o.validate(value);
      if (problem) box.validationMessage = problem;
      else finish({ value });
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
