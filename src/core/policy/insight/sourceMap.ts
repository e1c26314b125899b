/** A stretch of generated JSON copied from the host file. */
export interface Segment {
  readonly json: number;
  readonly host: number;
  readonly length: number;
}

/** Builds JSON text piece by piece, remembering where each copied piece came from in the host file. */
export class JsonBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];
  readonly opaque: Array<[number, number]> = [];

  /** Generated text with no source (punctuation, quotes). */
  emit(text: string): void {
    this.parts.push(text);
    this.length += text.length;
  }

  /** Text copied from `host` in the host file. */
  copy(text: string, host: number): void {
    if (text.length) this.segments.push({ json: this.length, host, length: text.length });
    this.emit(text);
  }

  /** A placeholder string for a template expression that spans host[start, end). */
  placeholder(start: number, end: number, label: string): void {
    this.opaque.push([start, end]);
    this.segments.push({ json: this.length, host: start, length: 0 });
    this.emit(JSON.stringify(`\${${label}}`));
  }

  /** Generated text that stands for the host text at `host` without a character-for-character match. */
  placeholderFree(text: string, host: number): void {
    this.segments.push({ json: this.length, host, length: 0 });
    this.emit(text);
  }

  /** Generated text standing for `hostLength` characters at `host` (e.g. `"Action"` for `actions`). */
  mapped(text: string, host: number, hostLength: number): void {
    this.segments.push({ json: this.length, host, length: Math.min(text.length, hostLength) });
    this.emit(text);
  }

  get text(): string {
    return this.parts.join('');
  }

  get offset(): number {
    return this.length;
  }
}

/** Maps an offset in the generated JSON to the host file, using the segments. */
export function toHost(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].json <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return segments[0]?.host ?? 0;
  const s = segments[best];
  return s.host + Math.min(offset - s.json, s.length);
}

/** Like `toHost`, for the end of a span: an offset on a boundary belongs to the segment before it. */
export function toHostEnd(segments: readonly Segment[], offset: number): number {
  let best = -1;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].json < offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return toHost(segments, offset);
  const s = segments[best];
  return s.host + Math.min(offset - s.json, s.length);
}

/** Maps a host offset into the generated JSON; offsets between segments go to the next segment. */
export function fromHost(segments: readonly Segment[], host: number): number | undefined {
  for (const s of segments) {
    if (host >= s.host && host <= s.host + s.length) return s.json + (host - s.host);
  }
  return undefined;
}
