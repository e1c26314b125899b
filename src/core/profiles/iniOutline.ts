/** An AWS config or credentials file read a section at a time, for checks of a few profiles in a large file. */
import { parseHeader, SectionReader, type IniSection } from './iniPositions';

/** Where a section's lines are in the text. */
interface SectionPlace {
  /** Offset of the line after the header. */
  readonly bodyStart: number;
  /** Offset of the next header line (one that cannot be read too), or the text's length. */
  readonly bodyEnd: number;
  /** Line number of that next header line, or undefined at the end of the text. */
  readonly nextHeaderLine: number | undefined;
}

/**
 * The sections of a text with their headers read and their settings not, until asked for: a check
 * of a few profiles in a file of a hundred thousand reads only theirs. Lines and sections are those
 * of parseIniWithPositions: a header line is one whose first non-blank character is "[".
 */
export class IniOutline {
  /** The text with every line break made "\n", so that lines are found by one character. */
  private readonly text: string;
  /** Every section the text defines, in order; a section's entries are empty until read. */
  readonly sections: IniSection[] = [];
  private readonly places: SectionPlace[] = [];
  private readonly read = new Set<IniSection>();

  /** How many sections had their settings read: what a test sees of the sections left alone. */
  get sectionsRead(): number {
    return this.read.size;
  }

  constructor(text: string) {
    // "\r\n" and a lone "\r" end a line as "\n" does (splitLines); columns do not change.
    this.text = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
    const t = this.text;
    let line = 0;
    // Where `line` starts.
    let counted = 0;
    let open: { section: IniSection; bodyStart: number } | undefined;
    const close = (bodyEnd: number, nextHeaderLine: number | undefined) => {
      if (open) this.places.push({ bodyStart: open.bodyStart, bodyEnd, nextHeaderLine });
      open = undefined;
    };
    // Each "[" is looked at once, and the rest of a line is skipped once one is not a header's.
    for (let at = t.indexOf('['); at >= 0; at = t.indexOf('[', at)) {
      const start = t.lastIndexOf('\n', at - 1) + 1;
      let end = t.indexOf('\n', at);
      if (end < 0) end = t.length;
      if (start === at || t.slice(start, at).trim() === '') {
        for (let nl = t.indexOf('\n', counted); nl >= 0 && nl < start; nl = t.indexOf('\n', nl + 1)) line++;
        counted = start;
        close(start, line);
        const { section } = parseHeader(t.slice(start, end), line);
        if (section) {
          this.sections.push(section);
          open = { section, bodyStart: end + 1 };
        }
      }
      at = end;
    }
    close(t.length, undefined);
  }

  /** Reads the settings of the section at `index`, as parseIniWithPositions reads them (once). */
  readSection(index: number): IniSection {
    const section = this.sections[index];
    if (this.read.has(section)) return section;
    this.read.add(section);
    const place = this.places[index];
    const reader = new SectionReader(() => undefined);
    reader.header(section, section.line);
    if (place.bodyStart <= place.bodyEnd) {
      const lines = this.text.slice(place.bodyStart, place.bodyEnd).split('\n');
      for (let k = 0; k < lines.length; k++) reader.line(lines[k], section.line + 1 + k);
    }
    if (place.nextHeaderLine !== undefined) reader.header(undefined, place.nextHeaderLine);
    return section;
  }
}
