// The language of a slice whose big file's name gives none, from its content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../../extension/slices/sliceLanguage';

test('content that stands out gets its language; plain text gets none', () => {
  assert.equal(detectLanguage('{"a": [1, 2], "b": {"c": null}}'), 'json');
  assert.equal(detectLanguage('  [\n  1,\n  2\n]\n'), 'json');
  assert.equal(detectLanguage('{"id":1}\n{"id":2}\n{"id":3}\n'), 'jsonl');
  assert.equal(detectLanguage('#!/usr/bin/env python3\nprint(1)\n'), 'python');
  assert.equal(detectLanguage('#!/bin/bash\necho hi\n'), 'shellscript');
  assert.equal(detectLanguage('<?xml version="1.0"?>\n<a/>'), 'xml');
  assert.equal(detectLanguage('<!DOCTYPE html>\n<html></html>'), 'html');
  assert.equal(detectLanguage('diff --git a/x b/x\n--- a/x\n+++ b/x\n'), 'diff');
  assert.equal(detectLanguage('SELECT * FROM t WHERE id = 1;\n'), 'sql');
  assert.equal(detectLanguage('2026-03-01 INFO request 1 ok\n'), undefined);
  assert.equal(detectLanguage('{not json at all'), undefined);
  assert.equal(detectLanguage(''), undefined);
});
