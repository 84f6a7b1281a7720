// vscode.l10n.t for modules that must not import 'vscode' (pure rules tested in plain Node, such
// as extension/modes/modeTransitions.ts): `l10n.t('{0} is open', name)` translates through VS
// Code once the extension has activated (extension.ts installs it), and fills the English
// template before that and in unit tests. Same call shape as vscode.l10n.t, so `npm run l10n`
// collects these templates too.
import { fillPlaceholders } from './l10nFormat';

type Translator = (message: string, args: string[]) => string;

let translate: Translator = fillPlaceholders;

export const l10n = {
  t(message: string, ...args: readonly (string | number)[]): string {
    return translate(message, args.map(String));
  },
};

/** Called once on activation with vscode.l10n.t. */
export function useTranslator(t: Translator): void {
  translate = t;
}
