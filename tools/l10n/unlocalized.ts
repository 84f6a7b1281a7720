// Finds user-facing strings that skip localization, by rules exact enough to fail on a real
// omission and to stay quiet otherwise. A rule flags a string literal or template whose own text
// holds a word (two letters or more, after removing $(codicon) names); a literal inside t(…) or
// vscode.l10n.t(…) is the key, never flagged. Limits: a sentence built elsewhere and passed in a
// variable (`showWarningMessage(message)`) is only caught where it is built if that spot matches a
// rule, and error texts of the engine (EngineError) stay English — they are written to the log as
// they are and shown after a localized prefix.
//
// Host (extension/): the arguments of vscode.window.show{Information,Warning,Error}Message,
//   showQuickPick, showInputBox, setStatusBarMessage, withProgress, showSaveDialog and
//   showOpenDialog — direct, through a constant of the same file (a button: `const save = 'Save'`),
//   in array literals (quick pick items, buttons) and in the object
//   properties VS Code shows (title, prompt, placeHolder, label, description, detail, openLabel,
//   saveLabel, tooltip); assignments to `.text`, `.tooltip`, `.title`, `.placeholder`,
//   `.description`, `.name` (status bar items, quick picks); `refused: '…'`, `readOnlyReason: '…'` (an edit
//   refusal, why a slice is read-only) and `message: '…'` in an object passed to post(…) (to the webview).
// Webview (webview/): assignments to `.textContent`, `.innerText`, `.title`, `.placeholder`;
//   setAttribute('aria-label' | 'title' | 'placeholder' | 'aria-description', …);
//   document.createTextNode(…) and new Option(…); the text arguments of the webview's own
//   showing methods (flash, setCount, setTotal, setError, showBanner, showNotice); and any literal that reads as a sentence or a
//   label (a capital letter, then a word and more words: 'Match Case (Alt+C)'), wherever it is.
import ts from 'typescript';
import { isL10nCall, type SourceFile, walk, where } from './sources';

export interface Finding {
  readonly at: string;
  readonly text: string;
  readonly rule: string;
}

const HOST_CALLS = new Set([
  'withCancellableProgress',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'showQuickPick',
  'showInputBox',
  'setStatusBarMessage',
  'withProgress',
  'showSaveDialog',
  'showOpenDialog',
]);
const SHOWN_PROPERTIES = new Set(['title', 'prompt', 'placeHolder', 'label', 'description', 'detail', 'openLabel', 'saveLabel', 'tooltip']);
const HOST_ASSIGNED = new Set(['text', 'tooltip', 'title', 'placeholder', 'description', 'name']);
const WEBVIEW_ASSIGNED = new Set(['textContent', 'innerText', 'title', 'placeholder']);
const WEBVIEW_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'aria-description']);
/** The webview's own methods that put their text argument on screen. */
const WEBVIEW_SHOWING_CALLS = new Set(['flash', 'setCount', 'setTotal', 'setError', 'showBanner', 'showNotice']);
/** Key names shown as hints (<kbd>Enter</kbd>): VS Code writes them in English in every language. */
const KEY_NAMES = new Set(['Enter', 'Esc', 'Escape', 'Tab', 'Shift', 'Ctrl', 'Alt']);

/** The text a literal shows (a template's literal parts), or undefined if `node` is no literal. */
function shownText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

function hasWord(text: string): boolean {
  return /[A-Za-z]{2,}/.test(text.replace(/\$\([a-z0-9-~]+\)/g, ''));
}

/** 'Match Case (Alt+C)', 'Bytes per row': a capital, then a word and at least one more. */
function readsAsSentence(text: string): boolean {
  return /^[A-Z][a-z]+[ ,:]+[A-Za-z]+/.test(text.trim());
}

function insideL10n(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (isL10nCall(p)) return true;
    if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 't') return true;
  }
  return false;
}

/** The literals a shown argument holds: itself, array elements, shown object properties, a conditional's branches. */
function shownLiterals(node: ts.Node, constants?: ReadonlyMap<string, ts.Expression>): ts.Node[] {
  const constant = ts.isIdentifier(node) ? constants?.get(node.text) : undefined;
  if (constant) return shownLiterals(constant);
  if (ts.isParenthesizedExpression(node)) return shownLiterals(node.expression);
  if (ts.isConditionalExpression(node)) return [...shownLiterals(node.whenTrue), ...shownLiterals(node.whenFalse)];
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return [...shownLiterals(node.left), ...shownLiterals(node.right)];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((x) => shownLiterals(x));
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && SHOWN_PROPERTIES.has(p.name.text) ? shownLiterals(p.initializer) : []));
  }
  return shownText(node) !== undefined ? [node] : [];
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function assignedProperty(node: ts.Node): { name: string; value: ts.Expression } | undefined {
  if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
  if (!ts.isPropertyAccessExpression(node.left)) return undefined;
  return { name: node.left.name.text, value: node.right };
}

export function unlocalizedInHost(files: readonly SourceFile[]): Finding[] {
  const found: Finding[] = [];
  const flag = (file: SourceFile, nodes: readonly ts.Node[], rule: string): void => {
    for (const n of nodes) {
      const text = shownText(n);
      if (text !== undefined && hasWord(text) && !insideL10n(n)) found.push({ at: where(file, n), text, rule });
    }
  };
  for (const file of files) {
    // `const save = 'Save to File'` then showWarningMessage(question, save, discard): the button's text.
    const constants = new Map<string, ts.Expression>();
    walk(file.ast, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && shownText(n.initializer) !== undefined) constants.set(n.name.text, n.initializer);
    });
    walk(file.ast, (n) => {
      if (ts.isCallExpression(n) && HOST_CALLS.has(calleeName(n) ?? '')) {
        flag(file, n.arguments.flatMap((a) => shownLiterals(a, constants)), `${calleeName(n)}(…)`);
      }
      // Refusals ({ refused: '…' }) and the texts posted to the webview ({ type, message: '…' }) are shown there.
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (n.name.text === 'refused' || n.name.text === 'readOnlyReason' || (n.name.text === 'message' && postedToWebview(n)))) {
        flag(file, shownLiterals(n.initializer), `${n.name.text}:`);
      }
      const assigned = assignedProperty(n);
      // `this.name = 'EngineError'` names an Error class, not a status bar item.
      const errorName = assigned?.name === 'name' && ts.isPropertyAccessExpression(n) === false && ts.isBinaryExpression(n) && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword;
      if (assigned && HOST_ASSIGNED.has(assigned.name) && !errorName) flag(file, shownLiterals(assigned.value), `.${assigned.name} =`);
    });
  }
  return found;
}

export function unlocalizedInWebview(files: readonly SourceFile[]): Finding[] {
  const found: Finding[] = [];
  const seen = new Set<ts.Node>();
  const flag = (file: SourceFile, n: ts.Node, rule: string): void => {
    const text = shownText(n);
    if (text === undefined || seen.has(n) || !hasWord(text) || insideL10n(n) || KEY_NAMES.has(text)) return;
    seen.add(n);
    found.push({ at: where(file, n), text, rule });
  };
  for (const file of files) {
    walk(file.ast, (n) => {
      const assigned = assignedProperty(n);
      if (assigned && WEBVIEW_ASSIGNED.has(assigned.name)) for (const l of shownLiterals(assigned.value)) flag(file, l, `.${assigned.name} =`);
      if (ts.isCallExpression(n) && calleeName(n) === 'setAttribute' && n.arguments.length === 2) {
        const attribute = shownText(n.arguments[0]);
        if (attribute && WEBVIEW_ATTRIBUTES.has(attribute)) for (const l of shownLiterals(n.arguments[1])) flag(file, l, `setAttribute('${attribute}', …)`);
      }
      if ((ts.isCallExpression(n) && calleeName(n) === 'createTextNode') || (ts.isNewExpression(n) && calleeName(n) === 'Option')) {
        const first = n.arguments?.[0];
        if (first) for (const l of shownLiterals(first)) flag(file, l, `${calleeName(n)}(…)`);
      }
      if (ts.isCallExpression(n) && WEBVIEW_SHOWING_CALLS.has(calleeName(n) ?? '')) for (const l of n.arguments.flatMap((x) => shownLiterals(x))) flag(file, l, `${calleeName(n)}(…)`);
      const text = shownText(n);
      if (text !== undefined && readsAsSentence(text) && !isThrownOrLogged(n)) flag(file, n, 'a sentence');
    });
  }
  return found;
}

/** `message:` in an object passed to post(…) (a host → webview message). */
function postedToWebview(property: ts.PropertyAssignment): boolean {
  const object = property.parent;
  return ts.isObjectLiteralExpression(object) && ts.isCallExpression(object.parent) && calleeName(object.parent) === 'post';
}

/** `throw new Error('…')`: a programming error for the developer's console, not the user. */
function isThrownOrLogged(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isThrowStatement(p)) return true;
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && ts.isIdentifier(p.expression.expression) && p.expression.expression.text === 'console') return true;
    if (ts.isStatement(p)) return false;
  }
  return false;
}
