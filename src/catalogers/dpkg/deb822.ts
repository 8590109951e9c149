/**
 * Parser for deb822 control data (deb822(5)) as dpkg writes its status database:
 * paragraphs of `Field: value` lines separated by blank lines, values continued on
 * lines that start with a space or tab. It tolerates CRLF line ends, runs of blank
 * lines and whitespace-only separator lines.
 *
 * A paragraph with a malformed line is reported and dropped whole: dpkg itself refuses
 * such a paragraph, and guessing at half a package would be worse than leaving it out.
 */

export interface Paragraph {
  /** 1-based line number of the paragraph's first line. */
  line: number;
  /** Field values by lower-case field name; continuation lines joined with `\n`. */
  fields: Map<string, string>;
}

export interface ParagraphError {
  line: number;
  message: string;
}

export interface Deb822Parse {
  paragraphs: Paragraph[];
  errors: ParagraphError[];
}

const FIELD = /^([!-9;-~][!-9;-~]*):(.*)$/;

export function parseDeb822(text: string): Deb822Parse {
  const paragraphs: Paragraph[] = [];
  const errors: ParagraphError[] = [];
  let current: Paragraph | undefined;
  let lastField: string | undefined;
  let broken = false;

  const close = () => {
    if (current && !broken) paragraphs.push(current);
    current = undefined;
    lastField = undefined;
    broken = false;
  };
  const fail = (line: number, message: string) => {
    if (!broken) errors.push({ line, message });
    broken = true;
  };

  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const lineNo = i + 1;
    if (line.trim() === '') {
      close();
      continue;
    }
    if (!current) current = { line: lineNo, fields: new Map() };
    if (broken) continue;
    if (line[0] === ' ' || line[0] === '\t') {
      if (lastField === undefined) fail(lineNo, `line ${lineNo}: continuation line before any field`);
      else current.fields.set(lastField, `${current.fields.get(lastField)}\n${line.slice(1)}`);
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) {
      fail(lineNo, `line ${lineNo}: not a "Field: value" line`);
      continue;
    }
    const name = match[1].toLowerCase();
    if (current.fields.has(name)) {
      fail(lineNo, `line ${lineNo}: field ${match[1]} appears twice in one paragraph`);
      continue;
    }
    current.fields.set(name, match[2].trim());
    lastField = name;
  }
  close();
  return { paragraphs, errors };
}
