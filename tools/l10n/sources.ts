// Reads the extension's TypeScript sources with the TypeScript compiler's parser (not regular
// expressions: a template, a comment or a string holding "l10n.t(" cannot fool it), for the two
// jobs of the localization tooling: collect the host's vscode.l10n.t templates for
// l10n/bundle.l10n.json, and find user-facing strings that skip localization (unlocalized.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Relative to the repository, with '/' ('extension/statusBar.ts'). */
  readonly path: string;
  readonly ast: ts.SourceFile;
}

/** Every .ts file below `dir` (relative to `root`), parsed. */
export function sourcesBelow(root: string, dir: string): SourceFile[] {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => {
      const rel = `${dir}/${f.split(path.sep).join('/')}`;
      return { path: rel, ast: ts.createSourceFile(rel, readFileSync(path.join(root, rel), 'utf8'), ts.ScriptTarget.ES2022, true) };
    });
}

/** Calls every node below `node`. */
export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

/** `file.ts:12` for a message. */
export function where(file: SourceFile, node: ts.Node): string {
  return `${file.path}:${file.ast.getLineAndCharacterOfPosition(node.getStart(file.ast)).line + 1}`;
}

/** `vscode.l10n.t(…)` or `l10n.t(…)`. */
export function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const target = callee.expression;
  return (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
}

export interface HostTemplates {
  /** The literal templates, each once. */
  readonly templates: Set<string>;
  /** Calls whose template is not a literal (the bundle cannot know them): `file:line`. */
  readonly dynamic: string[];
}

/** The templates of every vscode.l10n.t call in `files`. */
export function l10nTemplates(files: readonly SourceFile[]): HostTemplates {
  const templates = new Set<string>();
  const dynamic: string[] = [];
  for (const file of files) {
    walk(file.ast, (n) => {
      if (!isL10nCall(n)) return;
      const first = n.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) templates.add(first.text);
      else dynamic.push(where(file, n));
    });
  }
  return { templates, dynamic };
}
