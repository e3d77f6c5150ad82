/**
 * Lighthouse on one page of the app, with its default (mobile) settings: a phone's screen,
 * simulated slow 4G and a 4x slower CPU, in Debian's Chromium, headless (launched by Lighthouse
 * through chrome-launcher).
 * The page is audited a few times and the run with the median performance score is kept, as
 * Lighthouse's own guidance on variability suggests. What fails is listed so it can be fixed:
 * every scored accessibility and best-practices audit below 1 (with the elements or files it
 * names), and the performance opportunities that would save the most.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Result } from 'lighthouse';
import { resolveChromium } from '@golive/common/binaries';

type AuditResult = Result['audits'][string];

export const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface FailingAudit {
  id: string;
  title: string;
  score: number | null;
  /** How much the audit counts in its category's score (0: shown, but not scored). */
  weight: number;
  displayValue?: string;
  /** What the audit points at: elements (selector and markup), files, or messages. */
  items: string[];
}

export interface Opportunity {
  id: string;
  title: string;
  displayValue?: string;
  savingsMs?: number;
  savingsBytes?: number;
  items: string[];
}

export interface PageAudit {
  url: string;
  /** Scores 0-100 of the kept run. */
  scores: Record<Category, number>;
  /** Every run's performance score, the kept one being the median. */
  performanceRuns: number[];
  metrics: Record<string, string | undefined>;
  failing: Record<'accessibility' | 'best-practices', FailingAudit[]>;
  /** The performance audits that fall short, largest estimated savings first. */
  opportunities: Opportunity[];
  /** Lighthouse's measure of this machine's speed (a typical desktop is 1000 or more). */
  benchmarkIndex: number;
  warnings: string[];
}

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];
const UNSCORED = new Set(['informative', 'manual', 'notApplicable', 'error']);
const MAX_ITEMS = 6;

const execFileAsync = promisify(execFile);
const LIGHTHOUSE_CLI = require.resolve('lighthouse/cli/index.js');
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  // This machine has no internet: keep Chromium from dialling out in the background.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function auditPage(url: string, runs: number): Promise<PageAudit> {
  const results: Result[] = [];
  for (let run = 0; run < runs; run++) results.push(await runLighthouse(url));
  const byPerformance = [...results].sort(
    (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
  );
  const kept = byPerformance[Math.floor((byPerformance.length - 1) / 2)]!;
  return {
    url,
    scores: Object.fromEntries(
      CATEGORIES.map((id) => [id, Math.round((kept.categories[id]?.score ?? 0) * 100)]),
    ) as Record<Category, number>,
    performanceRuns: results.map((result) => Math.round((result.categories.performance?.score ?? 0) * 100)),
    metrics: Object.fromEntries(METRICS.map((id) => [id, kept.audits[id]?.displayValue])),
    failing: {
      accessibility: failingAudits(kept, 'accessibility'),
      'best-practices': failingAudits(kept, 'best-practices'),
    },
    opportunities: opportunities(kept),
    benchmarkIndex: Math.round(kept.environment.benchmarkIndex),
    warnings: [...kept.runWarnings, ...(kept.runtimeError ? [kept.runtimeError.message] : [])],
  };
}

/**
 * One Lighthouse run through its own CLI, in a plain Node process: Lighthouse sends functions'
 * source to the page to run there, and under tsx (how benchmarks run) that source carries tsx's
 * `__name` helper, which the page does not have ("__name is not defined").
 */
async function runLighthouse(url: string): Promise<Result> {
  const folder = mkdtempSync(join(tmpdir(), 'golive-lighthouse-'));
  const report = join(folder, 'report.json');
  try {
    await execFileAsync(
      process.execPath,
      [
        LIGHTHOUSE_CLI,
        url,
        '--output=json',
        `--output-path=${report}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
        '--quiet',
      ],
      { env: { ...process.env, CHROME_PATH: resolveChromium() }, timeout: 180_000 },
    );
    return JSON.parse(readFileSync(report, 'utf8')) as Result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function failingAudits(result: Result, category: Category): FailingAudit[] {
  return (result.categories[category]?.auditRefs ?? []).flatMap((ref) => {
    const audit = result.audits[ref.id];
    if (!audit || UNSCORED.has(audit.scoreDisplayMode) || audit.score === null || audit.score >= 1) return [];
    return [
      {
        id: audit.id,
        title: audit.title,
        score: audit.score,
        weight: ref.weight,
        displayValue: audit.displayValue,
        items: describeItems(audit),
      },
    ];
  });
}

function opportunities(result: Result): Opportunity[] {
  const refs = result.categories.performance?.auditRefs ?? [];
  return refs
    .filter((ref) => !METRICS.includes(ref.id) && ref.group !== 'hidden')
    .flatMap((ref) => {
      const audit = result.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1) return [];
      if (audit.scoreDisplayMode === 'notApplicable' || audit.scoreDisplayMode === 'error') return [];
      const details = audit.details as
        { overallSavingsMs?: number; overallSavingsBytes?: number } | undefined;
      return [
        {
          id: audit.id,
          title: audit.title,
          displayValue: audit.displayValue,
          savingsMs: details?.overallSavingsMs,
          savingsBytes: details?.overallSavingsBytes,
          items: describeItems(audit),
        },
      ];
    })
    .sort((a, b) => (b.savingsMs ?? 0) - (a.savingsMs ?? 0) || (b.savingsBytes ?? 0) - (a.savingsBytes ?? 0));
}

/** One line per thing the audit names: an element's selector and markup, a file, or a message. */
function describeItems(audit: AuditResult): string[] {
  return detailItems(audit.details).slice(0, MAX_ITEMS).map(describeItem);
}

/** The rows of an audit's details; a list (e.g. the LCP element, then its phases) is flattened. */
function detailItems(details: unknown): Record<string, unknown>[] {
  const { type, items } = (details ?? {}) as { type?: string; items?: Record<string, unknown>[] };
  if (!items) return [];
  return type === 'list' ? items.flatMap(detailItems) : items;
}

function describeItem(item: Record<string, unknown>): string {
  const node = item.node as { selector?: string; snippet?: string; explanation?: string } | undefined;
  if (node) return [node.selector, node.snippet, node.explanation].filter(Boolean).join(' | ');
  const parts = [item.url, item.source, item.description, item.label, item.phase, item.value]
    .map((part) => (typeof part === 'object' && part !== null ? JSON.stringify(part) : part))
    .filter((part) => part !== undefined && part !== '');
  if (typeof item.timing === 'number') parts.push(`${Math.round(item.timing)} ms`);
  if (typeof item.wastedBytes === 'number') parts.push(`${Math.round(item.wastedBytes / 1000)} kB to save`);
  return parts.join(' | ') || JSON.stringify(item).slice(0, 300);
}
