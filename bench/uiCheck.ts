// The UI check's cost (issue 18): Chromium's launch, then per page and per viewport width the
// render (open, load, fonts), the layout probe, axe-core and a full-page screenshot, on the fixture
// pages. Also renders the same page three times and counts the pixels that differ (determinism).
import { resolve } from 'node:path';
import { openChromium } from '../src/infra/browser/chromiumSession';
import { openTarget, runAxe } from '../src/infra/browser/pageChecker';
import { PAGE_PROBE_SCRIPT } from '../src/infra/browser/pageProbe';
import { resolvePageTargets } from '../src/infra/browser/pageTargets';
import { diffPngs } from '../src/infra/browser/pixelDiff';
import { DEFAULT_WIDTHS } from '../src/superpowers/design/uiFinding';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const launchTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const session = await openChromium();
    launchTimes.push(performance.now() - started);
    await session.close();
  }
  const session = await openChromium();
  const root = resolve(__dirname, '..', 'test', 'fixtures', 'ui-pages');
  const rows: string[] = [];
  const pageTotals: string[] = [];
  for (const name of ['defects', 'mended']) {
    const [target] = await resolvePageTargets(resolve(root, name, 'index.html'), root);
    const totals: number[] = [];
    const perWidth = new Map<number, { render: number[]; probe: number[]; axe: number[]; shot: number[] }>();
    for (let run = 0; run < RUNS; run++) {
      let total = 0;
      for (const width of DEFAULT_WIDTHS) {
        const times = perWidth.get(width) ?? { render: [], probe: [], axe: [], shot: [] };
        perWidth.set(width, times);
        let mark = performance.now();
        const { page } = await openTarget(session, target, width);
        const lap = () => {
          const now = performance.now();
          const spent = now - mark;
          mark = now;
          total += spent;
          return spent;
        };
        times.render.push(lap());
        await page.evaluate(PAGE_PROBE_SCRIPT);
        times.probe.push(lap());
        await runAxe(page);
        times.axe.push(lap());
        await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
        times.shot.push(lap());
        await page.close();
      }
      totals.push(total);
    }
    for (const [width, times] of perWidth) {
      const sum = times.render.map((_, index) => times.render[index] + times.probe[index] + times.axe[index] + times.shot[index]);
      rows.push(`| ${name} | ${width} px | ${ms(median(times.render))} | ${ms(median(times.probe))} | ${ms(median(times.axe))} | ${ms(median(times.shot))} | ${ms(median(sum))} |`);
    }
    pageTotals.push(`| ${name} | ${ms(median(totals))} | ${ms(Math.min(...totals))} / ${ms(Math.max(...totals))} |`);
  }

  const [target] = await resolvePageTargets(resolve(root, 'mended', 'index.html'), root);
  const shots: Buffer[] = [];
  for (let run = 0; run < 3; run++) {
    const { page } = await openTarget(session, target, 375);
    shots.push(await page.screenshot({ fullPage: true }));
    await page.close();
  }
  const differing = [diffPngs(shots[0], shots[1]).differentPixels, diffPngs(shots[0], shots[2]).differentPixels];
  await session.close();

  console.log(`${session.browserVersion}, ${RUNS} runs, medians\n`);
  console.log(`| measure | value |\n| --- | ---: |\n| Chromium launch (fresh profile), median of ${RUNS} | ${ms(median(launchTimes))} |\n| pixels differing, same page rendered 3 times at 375 px | ${differing.join(', ')} |\n`);
  console.log('| page | width | render (open, load, fonts) | layout probe | axe-core | full-page screenshot | one viewport |\n| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(rows.join('\n'));
  console.log(`\n| page | all three widths (${DEFAULT_WIDTHS.join(', ')} px) with screenshots | fastest / slowest run |\n| --- | ---: | ---: |`);
  console.log(pageTotals.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
