/** The reducer's part for the open triage dialog: choices, text, and recording the decision in the VEX document. */
import { recordStatements, triageStatement } from '../../vex/author.js';
import type { Action } from './actions.js';
import type { ReviewData } from './data.js';
import type { ReviewState } from './state.js';
import { chooseTriage, eraseTriage, scopeLabel, submitTriage, triageTargets, typeTriage } from './triage.js';

export function triageStep(data: ReviewData, s: ReviewState, a: Action): ReviewState {
  const t = s.triage!;
  switch (a.type) {
    case 'cancel':
      return { ...s, triage: undefined, message: { text: 'triage cancelled, nothing recorded', tone: 'dim' } };
    case 'choose':
      return { ...s, triage: chooseTriage(t, a.key) };
    case 'text':
      return { ...s, triage: typeTriage(t, a.text) };
    case 'erase':
      return { ...s, triage: eraseTriage(t) };
    case 'submit': {
      const { triage, decision } = submitTriage(t, new Date(a.now));
      const row = data.rows.find((r) => r.key === t.rowKey);
      if (!decision || !row || !triage.scope) return { ...s, triage };
      const statements = triageTargets(data, row, triage.scope).map((target) =>
        triageStatement(target, data.imagePurl, decision, a.now),
      );
      const { author, tooling } = data.input;
      const document = recordStatements(s.vex, statements, {
        author,
        tooling,
        now: a.now,
        newId: `urn:uuid:${a.newId}`,
      });
      const what = `${decision.status}${decision.justification ? ` (${decision.justification})` : ''}`;
      const seq = s.saveSeq + 1;
      const summary = `recorded ${what} for ${scopeLabel(data, row, triage.scope)}`;
      return {
        ...s,
        triage: undefined,
        vex: document,
        saveSeq: seq,
        save: { seq, document, summary, statements: statements.length },
        message: { text: 'saving…', tone: 'dim' },
      };
    }
    default:
      return s;
  }
}
