// The timestamp settings: largeFile.timestampFormat (strftime-like) and largeFile.timestampPattern
// (a regex for where the stamp starts). Empty: the format is detected.
import * as vscode from 'vscode';
import type { TimeSettings } from '../engine';

export function timeSettings(): TimeSettings {
  const config = vscode.workspace.getConfiguration('largeFile');
  const format = config.get<string>('timestampFormat', '').trim();
  const pattern = config.get<string>('timestampPattern', '').trim();
  return { ...(format ? { format } : {}), ...(pattern ? { pattern } : {}) };
}
