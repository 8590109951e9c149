/**
 * Splits a migration script into single statements: node-sqlite3 prepares one
 * statement at a time. Semicolons inside quotes, comments and a trigger's
 * BEGIN … END body do not end a statement.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    const two = script.slice(i, i + 2);
    if (two === '--') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
      current += ' ';
      continue;
    }
    if (two === '/*') {
      const end = script.indexOf('*/', i + 2);
      i = end === -1 ? script.length : end + 2;
      current += ' ';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(script, i);
      current += script.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ';' && !insideTriggerBody(current)) {
      pushStatement(statements, current);
      current = '';
      i += 1;
      continue;
    }
    current += ch;
    i += 1;
  }
  pushStatement(statements, current);
  return statements;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escape). */
function closingQuote(script: string, start: number): number {
  const quote = script[start];
  let i = start + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i += 1;
  }
  return script.length;
}

/** A CREATE TRIGGER statement ends only at `END;`. */
function insideTriggerBody(statement: string): boolean {
  if (!/^\s*create\s+(temp\s+|temporary\s+)?trigger\b/i.test(statement)) return false;
  return !/\bend\s*$/i.test(statement);
}

function pushStatement(statements: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed !== '') statements.push(trimmed);
}
