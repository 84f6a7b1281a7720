// Format detection on the shapes of lines real programs write (written here for this table,
// after what each program's documentation and default configuration print): the format found,
// where in the line, and the time of the first line, exactly (UTC). Shapes no built-in format
// covers are found with the user's settings, and plain text or binary data find none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openMappedFile, TimeSettings, timeOf } from '../../../extension/engine';
import { isoTime } from '../../../extension/time/timeText';
import { tempDir } from '../native/support';

const dir = tempDir('lfe-detect-');

interface Shape {
  readonly who: string;
  readonly lines: readonly string[];
  /** The format's name and anchor, and the first line's time (ISO, UTC); null: no format. */
  readonly expect: { readonly name: string; readonly anchor: string; readonly first: string } | null;
  readonly settings?: TimeSettings;
  /** For year-less stamps: the file's modification time. */
  readonly mtime?: string;
}

const SHAPES: Shape[] = [
  {
    who: 'an application writing RFC 3339 with Z and milliseconds',
    lines: ['2026-03-01T08:15:02.113Z INFO  [main] Server started on port 8080', '2026-03-01T08:15:02.140Z DEBUG [pool-1] warming up 4 connections'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'rsyslog with RFC 3339 high-precision stamps and an offset',
    lines: ['2026-03-01T09:15:02.113456+01:00 web-01 sshd[812]: Accepted publickey for deploy', '2026-03-01T09:15:03.000001+01:00 web-01 CRON[901]: (root) CMD (run-parts /etc/cron.hourly)'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'MySQL 8 error log',
    lines: ['2026-03-01T08:15:02.113456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process 1', '2026-03-01T08:15:02.120001Z 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'PostgreSQL with log_line_prefix %m [%p]',
    lines: ['2026-03-01 08:15:02.113 UTC [4242] LOG:  database system is ready to accept connections', '2026-03-01 08:15:09.551 UTC [4250] ERROR:  relation "orders" does not exist at character 15'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'Python logging (asctime, comma milliseconds)',
    lines: ['2026-03-01 08:15:02,113 - app.worker - INFO - job 17 picked up', '2026-03-01 08:15:02,907 - app.worker - ERROR - job 17 failed', 'Traceback (most recent call last):', '  File "worker.py", line 12, in run'],
    expect: { name: 'log4j', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'logback default pattern',
    lines: ['2026-03-01 08:15:02.113 [main] INFO  c.e.shop.Application - Started Application in 3.2 seconds', '2026-03-01 08:15:02.500 [http-nio-8080-exec-1] WARN  c.e.shop.Cart - empty cart'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'log4j with an offset after a space',
    lines: ['2026-03-01 09:15:02,113 +0100 [main] INFO  Bootstrap - ready', '2026-03-01 09:15:03,000 +0100 [main] INFO  Bootstrap - serving'],
    expect: { name: 'log4j', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: "Go's log package (LstdFlags)",
    lines: ['2026/03/01 08:15:02 listening on :8080', '2026/03/01 08:15:07 GET /healthz 200 12µs'],
    expect: { name: 'ymd-slash', anchor: 'line-start', first: '2026-03-01T08:15:02.000Z' },
  },
  {
    who: 'nginx error log',
    lines: ['2026/03/01 08:15:02 [error] 31#31: *7 open() "/srv/www/favicon.ico" failed (2: No such file or directory), client: 10.0.0.7', '2026/03/01 08:15:09 [notice] 1#1: signal process started'],
    expect: { name: 'ymd-slash', anchor: 'line-start', first: '2026-03-01T08:15:02.000Z' },
  },
  {
    who: 'nginx / Apache access log (combined)',
    lines: ['203.0.113.9 - - [01/Mar/2026:09:15:02 +0100] "GET /index.html HTTP/1.1" 200 5120 "-" "curl/8.5.0"', '198.51.100.4 - bob [01/Mar/2026:09:15:03 +0100] "POST /api/cart HTTP/2.0" 201 88 "https://shop.example/" "Mozilla/5.0"'],
    expect: { name: 'clf', anchor: 'bracket', first: '2026-03-01T08:15:02.000Z' },
  },
  {
    who: 'Apache 2.4 error log',
    lines: ['[Sun Mar 01 08:15:02.113456 2026] [core:error] [pid 1234:tid 5678] [client 10.0.0.7:51234] AH00126: Invalid URI in request', '[Sun Mar 01 08:15:05.000001 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.58 configured'],
    expect: { name: 'ctime', anchor: 'bracket', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'classic syslog (RFC 3164), day padded with a space',
    lines: ['Mar  1 08:15:02 web-01 sshd[812]: Accepted publickey for deploy from 10.0.0.7 port 51234', 'Mar  1 08:15:09 web-01 systemd[1]: Started Session 42 of user deploy.'],
    mtime: '2026-03-02T00:00:00Z',
    expect: { name: 'syslog', anchor: 'line-start', first: '2026-03-01T08:15:02.000Z' },
  },
  {
    who: 'journalctl short output, in a log that has rolled over New Year',
    lines: ['Dec 31 23:59:58 web-01 kernel: [ 1.234] usb 1-1: new device', 'Jan 01 00:00:03 web-01 systemd[1]: Starting Daily apt upgrade...'],
    mtime: '2026-01-01T01:00:00Z',
    expect: { name: 'syslog', anchor: 'line-start', first: '2025-12-31T23:59:58.000Z' },
  },
  {
    who: 'Elasticsearch (bracketed, comma milliseconds)',
    lines: ['[2026-03-01T08:15:02,113][INFO ][o.e.n.Node               ] [node-1] started', '[2026-03-01T08:15:04,900][WARN ][o.e.c.r.a.DiskThresholdMonitor] [node-1] high disk watermark exceeded'],
    expect: { name: 'iso8601', anchor: 'bracket', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'Ruby Logger',
    lines: ['I, [2026-03-01T08:15:02.113456 #4242]  INFO -- : Started GET "/" for 127.0.0.1', 'E, [2026-03-01T08:15:02.900001 #4242] ERROR -- : ActiveRecord::RecordNotFound'],
    expect: { name: 'iso8601', anchor: 'bracket', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'JSON lines with the time first (zap, pino-like)',
    lines: ['{"ts":"2026-03-01T08:15:02.113Z","level":"info","msg":"listening","port":8080}', '{"ts":"2026-03-01T08:15:02.500Z","level":"error","msg":"dial tcp: timeout"}'],
    expect: { name: 'iso8601', anchor: 'search', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'Docker json-file log',
    lines: ['{"log":"GET /healthz 200\\n","stream":"stdout","time":"2026-03-01T08:15:02.113456789Z"}', '{"log":"GET / 304\\n","stream":"stdout","time":"2026-03-01T08:15:03.000000001Z"}'],
    expect: { name: 'iso8601', anchor: 'search', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'Kubernetes container log (CRI)',
    lines: ['2026-03-01T08:15:02.113456789Z stdout F starting worker', '2026-03-01T08:15:02.200000000Z stderr F warning: cache cold'],
    expect: { name: 'iso8601', anchor: 'line-start', first: '2026-03-01T08:15:02.113456Z' },
  },
  {
    who: 'RFC 5424 syslog',
    lines: ['<165>1 2026-03-01T08:15:02.113Z web-01 app 4242 ID47 - request served', '<165>1 2026-03-01T08:15:02.600Z web-01 app 4242 ID47 - request served'],
    expect: { name: 'iso8601', anchor: 'search', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'Squid access log (epoch seconds with milliseconds)',
    lines: ['1772352902.113     12 10.0.0.7 TCP_MISS/200 5120 GET http://example.com/ - HIER_DIRECT/93.184.216.34 text/html', '1772352903.000      3 10.0.0.8 TCP_HIT/200 812 GET http://example.com/a.css - HIER_NONE/- text/css'],
    expect: { name: 'epoch-s', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'epoch milliseconds at the line start',
    lines: ['1772352902113 INFO job=17 state=running', '1772352902950 INFO job=17 state=done'],
    expect: { name: 'epoch-ms', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'a stack trace heavy Java log (few timed lines among many)',
    lines: [
      '2026-03-01 08:15:02,113 ERROR [main] Boom',
      'java.lang.IllegalStateException: boom',
      '\tat a.b.C.d(C.java:1)',
      '\tat a.b.C.e(C.java:2)',
      '\tat a.b.C.f(C.java:3)',
      '\tat a.b.C.g(C.java:4)',
      '2026-03-01 08:15:03,000 INFO  [main] recovered',
    ],
    expect: { name: 'log4j', anchor: 'line-start', first: '2026-03-01T08:15:02.113Z' },
  },
  {
    who: 'a German application log, with a format set by the user',
    lines: ['01.03.2026 09:15:02,113 INFO Dienst gestartet', '01.03.2026 09:15:03,000 WARNUNG Speicher knapp'],
    settings: { format: '%d.%m.%Y %H:%M:%S,%f' },
    expect: { name: 'custom', anchor: 'line-start', first: '2026-03-01T09:15:02.113Z' },
  },
  {
    who: 'Windows-style US dates with AM/PM, set by the user',
    lines: ['3/1/2026 8:15:02 AM Service started', '3/1/2026 1:15:02 PM Service stopped'],
    settings: { format: '%m/%d/%Y %I:%M:%S %p' },
    expect: { name: 'custom', anchor: 'line-start', first: '2026-03-01T08:15:02.000Z' },
  },
  {
    who: 'a stamp after a host name, found by the user pattern',
    lines: ['web-01 app: 2026-03-01T08:15:02Z started', 'web-02 app: 2026-03-01T08:15:03Z started'],
    settings: { pattern: '^\\S+ \\S+ \\K' },
    expect: { name: 'iso8601', anchor: 'pattern', first: '2026-03-01T08:15:02.000Z' },
  },
  { who: 'prose', lines: ['It was the best of times, it was the worst of times,', 'it was the age of wisdom, it was the age of foolishness,'], expect: null },
  { who: 'a CSV of numbers', lines: ['id,amount,qty', '17,12.50,3', '18,99.00,1'], expect: null },
];

let n = 0;
for (const shape of SHAPES) {
  test(`detects ${shape.who}`, () => {
    const file = path.join(dir, `shape${n++}.log`);
    // Repeated, so samples further in see the same shape.
    fs.writeFileSync(file, Array.from({ length: 50 }, () => shape.lines.join('\n')).join('\n') + '\n');
    if (shape.mtime) {
      const t = Date.parse(shape.mtime) / 1000;
      fs.utimesSync(file, t, t);
    }
    const f = openMappedFile(file, 'read');
    try {
      const format = timeOf(f).detect({ ...shape.settings, referenceTime: shape.mtime ? Date.parse(shape.mtime) : undefined });
      if (!shape.expect) {
        assert.equal(format, null, `no format in ${shape.who}`);
        return;
      }
      assert.ok(format, `a format in ${shape.who}`);
      assert.deepEqual([format.name, format.anchor, isoTime(format.firstTime)], [shape.expect.name, shape.expect.anchor, shape.expect.first]);
    } finally {
      f.close();
    }
  });
}

test('bad settings are clear errors: an unknown directive, a regex that does not compile', () => {
  const file = path.join(dir, 'settings.log');
  fs.writeFileSync(file, '2026-03-01T00:00:00Z a\n');
  const f = openMappedFile(file, 'read');
  try {
    assert.throws(() => timeOf(f).detect({ format: '%Y-%Q' }), (e: { code?: string; message: string }) => e.code === 'EINVAL' && /%Q/.test(e.message));
    assert.throws(() => timeOf(f).detect({ pattern: '(' }), (e: { code?: string }) => e.code === 'EBADREGEX');
  } finally {
    f.close();
  }
});

test('binary data has no timestamps', () => {
  const file = path.join(dir, 'random.bin');
  const bytes = Buffer.alloc(256 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
  fs.writeFileSync(file, bytes);
  const f = openMappedFile(file, 'read');
  try {
    assert.equal(timeOf(f).detect(), null);
  } finally {
    f.close();
  }
});
