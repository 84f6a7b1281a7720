// The mode-change rules as a table: from × to × pending edits × answer → what happens. A mode
// must never do what its description denies: Copy mode's edits reach the file only when the user
// says "apply"; Read-only never keeps unsaved edits; a program or system file needs insisting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planModeChange, type ModeAction, type ModeAnswer, type ModeSituation } from '../../../extension/modes/modeTransitions';
import type { OpenMode } from '../../../shared/protocol';

type Pending = 'none' | 'dirty' | 'savedCopy';

function situation(from: OpenMode, to: OpenMode, pending: Pending, extra: Partial<ModeSituation> = {}): ModeSituation {
  return {
    fileName: 'sample.log',
    from,
    to,
    dirty: pending === 'dirty',
    editsOverFile: pending !== 'none',
    canWrite: true,
    protection: undefined,
    nativeBackend: true,
    trusted: true,
    ...extra,
  };
}

/** Runs the plan, answering each question with the next of `answers`; returns the actions, the refusal, or the questions asked. */
function run(s: ModeSituation, answers: ModeAnswer[]): { actions?: readonly ModeAction[]; refused?: string; asked: string[] } {
  const given: Record<string, ModeAnswer> = {};
  const asked: string[] = [];
  for (let i = 0; i < 5; i++) {
    const plan = planModeChange(s, given);
    if (plan.kind === 'refused') return { refused: plan.message, asked };
    if (plan.kind === 'actions') return { actions: plan.actions, asked };
    asked.push(plan.question.id);
    const answer = answers.shift();
    assert.ok(answer, `an answer for the question "${plan.question.message}"`);
    assert.ok(answer === 'cancel' || plan.question.options.some((o) => o.answer === answer), `"${answer}" is offered for "${plan.question.message}"`);
    given[plan.question.id] = answer;
  }
  throw new Error('the plan kept asking');
}

const kinds = (actions: readonly ModeAction[] | undefined) => (actions?.length ? actions.map((a) => (a.kind === 'setMode' ? `setMode:${a.mode}` : a.kind)).join(' ') : '(none)');

// from, to, pending, answers → expected actions (space-separated), or 'refused'
const TABLE: [OpenMode, OpenMode, Pending, ModeAnswer[], string][] = [
  ['read', 'write', 'none', [], 'setMode:write'],
  ['read', 'copy', 'none', [], 'setMode:copy'],
  ['read', 'read', 'none', [], '(none)'],
  ['write', 'read', 'none', [], 'setMode:read'],
  ['write', 'copy', 'none', [], 'setMode:copy'],
  ['copy', 'write', 'none', [], 'setMode:write'],
  ['copy', 'read', 'none', [], 'setMode:read'],
  // Unsaved edits typed in Copy mode, then In place: the three answers, and Escape.
  ['copy', 'write', 'dirty', ['apply'], 'setMode:write'],
  ['copy', 'write', 'dirty', ['saveFirst'], 'save discard setMode:write'],
  ['copy', 'write', 'dirty', ['discard'], 'discard setMode:write'],
  ['copy', 'write', 'dirty', ['cancel'], '(none)'],
  // The copy was saved already: the edits still differ from the original.
  ['copy', 'write', 'savedCopy', ['apply'], 'markUnsaved setMode:write'],
  ['copy', 'write', 'savedCopy', ['discard'], 'discard setMode:write'],
  ['copy', 'write', 'savedCopy', ['cancel'], '(none)'],
  // In place → Read-only with unsaved edits.
  ['write', 'read', 'dirty', ['saveFirst'], 'save setMode:read'],
  ['write', 'read', 'dirty', ['discard'], 'discard setMode:read'],
  ['write', 'read', 'dirty', ['cancel'], '(none)'],
  // Copy → Read-only.
  ['copy', 'read', 'dirty', ['saveFirst'], 'save discard setMode:read'],
  ['copy', 'read', 'dirty', ['discard'], 'discard setMode:read'],
  ['copy', 'read', 'savedCopy', ['discard'], 'discard setMode:read'],
  ['copy', 'read', 'savedCopy', ['cancel'], '(none)'],
  // In place → Copy: the edits stay, and can then only ever reach a copy.
  ['write', 'copy', 'dirty', [], 'setMode:copy'],
];

for (const [from, to, pending, answers, expected] of TABLE) {
  test(`${from} → ${to}, ${pending} edits, answered ${answers.join(', ') || 'nothing'}: ${expected}`, () => {
    const r = run(situation(from, to, pending), [...answers]);
    assert.equal(r.refused, undefined);
    assert.equal(kinds(r.actions), expected);
    assert.equal(r.asked.length, answers.length, 'asked exactly as often as answered');
  });
}

test('"Apply" is offered only for Copy → In place, "Save first" only for unsaved edits', () => {
  const q = (from: OpenMode, to: OpenMode, pending: Pending) => {
    const plan = planModeChange(situation(from, to, pending));
    return plan.kind === 'ask' ? plan.question.options.map((o) => o.answer).join(' ') : plan.kind;
  };
  assert.equal(q('copy', 'write', 'dirty'), 'apply saveFirst discard');
  assert.equal(q('copy', 'write', 'savedCopy'), 'apply discard');
  assert.equal(q('write', 'read', 'dirty'), 'saveFirst discard');
  assert.equal(q('copy', 'read', 'savedCopy'), 'discard');
});

test('the questions name the file and say what happens', () => {
  const plan = planModeChange(situation('copy', 'write', 'dirty'));
  assert.equal(plan.kind, 'ask');
  if (plan.kind !== 'ask') return;
  assert.match(plan.question.message, /^sample\.log has edits made in Copy mode/);
  assert.match(plan.question.detail, /written only when you save/);
});

test('a file the user may not write never goes In place; Copy stays possible', () => {
  for (const pending of ['none', 'dirty', 'savedCopy'] as const) {
    for (const from of ['read', 'copy'] as const) {
      const r = run(situation(from, 'write', pending, { canWrite: false }), []);
      assert.match(r.refused ?? '', /You may not write sample\.log/);
    }
  }
  assert.equal(kinds(run(situation('read', 'copy', 'none', { canWrite: false }), []).actions), 'setMode:copy');
});

test('a program or system file goes In place only when the user insists, or becomes a copy', () => {
  const protection = { kind: 'executable' as const, reason: 'a program (ELF executable or library)' };
  const s = situation('read', 'write', 'none', { protection });
  const plan = planModeChange(s);
  assert.equal(plan.kind, 'ask');
  if (plan.kind === 'ask') assert.match(plan.question.message, /sample\.log is a program \(ELF executable or library\)\. Edit it in place anyway\?/);
  assert.equal(kinds(run(s, ['insist']).actions), 'setMode:write');
  assert.equal(kinds(run(s, ['copyInstead']).actions), 'setMode:copy');
  assert.equal(kinds(run(s, ['cancel']).actions), '(none)');
  // Insisting, then the pending Copy edits are asked about too.
  assert.equal(kinds(run(situation('copy', 'write', 'dirty', { protection }), ['insist', 'discard']).actions), 'discard setMode:write');
  assert.equal(kinds(run(situation('copy', 'write', 'dirty', { protection }), ['copyInstead']).actions), '(none)');
});

test('without the native engine nothing but Read-only', () => {
  assert.match(run(situation('read', 'write', 'none', { nativeBackend: false }), []).refused ?? '', /JavaScript backend/);
  assert.match(run(situation('read', 'copy', 'none', { nativeBackend: false }), []).refused ?? '', /JavaScript backend/);
});

test('every combination: no edit made in Copy mode reaches In place unasked, no unsaved edit survives into Read-only', () => {
  const modes: OpenMode[] = ['read', 'write', 'copy'];
  const answers: ModeAnswer[] = ['insist', 'copyInstead', 'apply', 'saveFirst', 'discard', 'cancel'];
  for (const from of modes)
    for (const to of modes)
      for (const pending of ['none', 'dirty', 'savedCopy'] as Pending[])
        for (const a1 of answers)
          for (const a2 of answers)
            for (const prot of [false, true]) {
              const s = situation(from, to, pending, prot ? { protection: { kind: 'system', reason: 'in a system folder (/usr)' } } : {});
              let actions: readonly ModeAction[] | undefined;
              try {
                actions = run(s, [a1, a2]).actions;
              } catch {
                continue; // an answer that is not offered there
              }
              if (!actions) continue;
              const ks = actions.map((x) => x.kind);
              const target = actions.find((x) => x.kind === 'setMode');
              if (target?.kind !== 'setMode') continue;
              if (from === 'copy' && target.mode === 'write' && pending !== 'none') {
                assert.ok(ks.includes('discard') || a1 === 'apply' || a2 === 'apply', `copy edits went In place unasked: ${kinds(actions)}`);
              }
              if (target.mode === 'read' && pending !== 'none' && from !== 'read') {
                assert.ok(ks.includes('discard') || (from === 'write' && ks.includes('save')), `edits left unsaved in Read-only: ${kinds(actions)}`);
              }
              if (target.mode === 'write' && prot && from !== 'write') assert.ok(a1 === 'insist', 'a system file went In place without insisting');
            }
});

test('Restricted Mode: only Read-only, and the refusal says trust would allow it', () => {
  for (const to of ['write', 'copy'] as const) {
    const plan = planModeChange(situation('read', to, 'none', { trusted: false }));
    assert.equal(plan.kind, 'refused');
    if (plan.kind === 'refused') {
      assert.equal(plan.needsTrust, true);
      assert.match(plan.message, /sample\.log stays read-only in Restricted Mode/);
    }
  }
  assert.equal(kinds(run(situation('write', 'read', 'dirty', { trusted: false }), ['discard']).actions), 'discard setMode:read');
});
