import * as assert from 'node:assert/strict';
import { axeFindings } from '../../../../src/superpowers/design/axeFindings';
import { pixelVerdict, refusalReason, type ScreenshotEnvironment } from '../../../../src/superpowers/design/baselineRules';
import { apcaAdvice, apcaLightnessContrast, isLargeText, requiredWcagRatio, wcagContrastRatio } from '../../../../src/superpowers/design/contrastRules';
import { layoutFindings } from '../../../../src/superpowers/design/layoutRules';
import { pageCheck, uiCheckReport } from '../../../../src/superpowers/design/uiCheckReport';
import { gates, mergeByElement } from '../../../../src/superpowers/design/uiFinding';

describe('design rules', () => {
  describe('axe results', () => {
    const result = {
      violations: [
        { id: 'image-alt', impact: 'critical', help: 'Images must have alternative text', helpUrl: 'https://x/image-alt', nodes: [{ target: ['img'], html: '<img src="a.png">', failureSummary: 'Fix any of the following:\n  Element does not have an alt attribute\n  aria-label attribute does not exist' }] },
        { id: 'region', impact: 'moderate', help: 'All content should be in landmarks', nodes: [{ target: ['p'], html: '<p>' }] },
        { id: 'odd', impact: null, help: 'No impact given', nodes: [{ target: [['#host', 'button']] }] },
      ],
      incomplete: [{ id: 'color-contrast', impact: 'serious', help: 'Elements must meet minimum color contrast', nodes: [{ target: ['h1'], failureSummary: "Fix any of the following:\n  Element's background color could not be determined due to a background image" }] }],
    };

    it('turns violations into findings with rule, impact, element, page and width, and only serious or critical ones gate', () => {
      const { findings, review } = axeFindings(result, 'index.html', 375);
      assert.deepEqual(findings[0], {
        rule: 'image-alt',
        impact: 'critical',
        page: 'index.html',
        element: 'img',
        html: '<img src="a.png">',
        message: 'Images must have alternative text: Element does not have an alt attribute',
        widths: [375],
        helpUrl: 'https://x/image-alt',
      });
      assert.deepEqual(findings.map(gates), [true, false, false]);
      assert.equal(findings[2].impact, 'minor', 'a rule without an impact does not gate');
      assert.equal(findings[2].element, '#host >>> button', 'a shadow-DOM target names its host');
      assert.equal(review.length, 1);
      assert.equal(review[0].rule, 'color-contrast');
      assert.match(review[0].message, /background image/);
    });
  });

  describe('layout', () => {
    const table = { selector: 'main > table', html: '<table class="prices">', left: 16, right: 616 };

    it('reports an element past the right edge as overflow when the page scrolls sideways', () => {
      const findings = layoutFindings({ viewportWidth: 375, documentWidth: 616, hidesOverflow: false, outside: [table], clippedText: [] }, 'index.html', 375);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].rule, 'layout-overflow');
      assert.ok(gates(findings[0]));
      assert.match(findings[0].message, /616 px, past the right edge at 375 px/);
    });

    it('reports it as cut off when the page hides its overflow instead of scrolling', () => {
      const findings = layoutFindings({ viewportWidth: 375, documentWidth: 616, hidesOverflow: true, outside: [table], clippedText: [] }, 'index.html', 375);
      assert.equal(findings[0].rule, 'layout-cut-off');
      assert.ok(gates(findings[0]));
    });

    it('names the page when it scrolls without an element to blame, ignores sub-pixel rounding, and does not gate clipped text', () => {
      assert.equal(layoutFindings({ viewportWidth: 375, documentWidth: 420, hidesOverflow: false, outside: [], clippedText: [] }, 'a.html', 375)[0].element, 'html');
      assert.deepEqual(layoutFindings({ viewportWidth: 375, documentWidth: 375.6, hidesOverflow: false, outside: [], clippedText: [] }, 'a.html', 375), []);
      const clipped = layoutFindings({ viewportWidth: 375, documentWidth: 375, hidesOverflow: false, outside: [], clippedText: [{ selector: 'h2', html: '<h2>', left: 0, right: 100, scrollWidth: 300, clientWidth: 100 }] }, 'a.html', 375);
      assert.equal(clipped[0].rule, 'layout-clipped-text');
      assert.equal(gates(clipped[0]), false);
    });
  });

  describe('contrast', () => {
    it('computes WCAG 2.1 ratios (black on white 21:1, #777 on white just under 4.5:1) and blends a translucent text colour', () => {
      assert.equal(Math.round(wcagContrastRatio('rgb(0, 0, 0)', 'rgb(255, 255, 255)')), 21);
      assert.equal(wcagContrastRatio('#777', '#fff').toFixed(2), '4.48');
      assert.equal(wcagContrastRatio('rgba(0, 0, 0, 0.5)', 'rgb(255, 255, 255)').toFixed(2), wcagContrastRatio('rgb(127.5, 127.5, 127.5)', 'rgb(255, 255, 255)').toFixed(2));
      assert.throws(() => wcagContrastRatio('not-a-colour', '#fff'), /not a CSS colour/);
    });

    it('asks 3:1 of large text (24 px, or 18.66 px bold) and 4.5:1 of the rest', () => {
      assert.equal(isLargeText(24, 400), true);
      assert.equal(isLargeText(19, 700), true);
      assert.equal(isLargeText(19, 400), false);
      assert.equal(requiredWcagRatio(16, 400), 4.5);
      assert.equal(requiredWcagRatio(24, 400), 3);
    });

    it('gives APCA advice for faint text and none for strong text, and never gates', () => {
      assert.ok(apcaLightnessContrast('#000', '#fff') > 100);
      const advice = apcaAdvice(
        [
          { selector: 'p.faint', color: 'rgb(170, 170, 170)', background: 'rgb(255, 255, 255)', fontSizePx: 16, fontWeight: 400 },
          { selector: 'p.strong', color: 'rgb(34, 34, 34)', background: 'rgb(255, 255, 255)', fontSizePx: 16, fontWeight: 400 },
          { selector: 'p.system', color: 'CanvasText', background: 'rgb(255, 255, 255)', fontSizePx: 16, fontWeight: 400 },
        ],
        'index.html',
        768,
      );
      assert.deepEqual(advice.map((item) => item.element), ['p.faint']);
      assert.match(advice[0].message, /advice only/);
      assert.equal('impact' in advice[0], false);
    });
  });

  describe('screenshot baselines', () => {
    const env: ScreenshotEnvironment = { browserVersion: 'Chrome/156.0.8078.114', fonts: ['DejaVu Sans'], width: 375, deviceScaleFactor: 1 };

    it('allows a comparison only in the same browser version, width and fonts, and says why otherwise', () => {
      assert.equal(refusalReason(env, { ...env }), undefined);
      assert.match(refusalReason(env, { ...env, browserVersion: 'Chrome/157.0.1.2' }) ?? '', /taken with Chrome\/156.* uses Chrome\/157/);
      assert.match(refusalReason(env, { ...env, fonts: ['Liberation Sans'] }) ?? '', /no longer drawn with DejaVu Sans; now drawn with Liberation Sans/);
      assert.match(refusalReason(env, { ...env, width: 768 }) ?? '', /375 px .* 768 px/);
    });

    it('calls pictures the same within the allowed share of pixels, changed beyond it or when the size changed', () => {
      assert.equal(pixelVerdict(0, 1000, undefined, 0).status, 'same');
      assert.equal(pixelVerdict(5, 1000, undefined, 0.01).status, 'same');
      const changed = pixelVerdict(50, 1000, undefined, 0.01);
      assert.equal(changed.status, 'changed');
      assert.match(changed.status === 'changed' ? changed.reason : '', /50 of 1000 pixels \(5\.00 %\)/);
      assert.equal(pixelVerdict(0, 1000, 'the picture was 10x10 px and is 10x20 px.', 0.5).status, 'changed');
      assert.throws(() => pixelVerdict(0, 1, undefined, 1), /at least 0 and below 1/);
    });
  });

  describe('the report', () => {
    it('merges one defect found at several widths into one finding and passes only without gating findings', () => {
      const finding = (width: number, rule = 'image-alt', impact: 'critical' | 'moderate' = 'critical') => ({ rule, impact, page: 'a.html', element: 'img', message: 'm', widths: [width] });
      assert.deepEqual(mergeByElement([finding(768), finding(375)])[0].widths, [375, 768]);
      const page = pageCheck('a.html', [
        { width: 375, findings: [finding(375)], review: [], advice: [], milliseconds: 10, blockedRequests: ['https://cdn.example/x.js'] },
        { width: 768, findings: [finding(768), finding(768, 'region', 'moderate')], review: [], advice: [], milliseconds: 12, blockedRequests: ['https://cdn.example/x.js'] },
      ]);
      assert.equal(page.findings.length, 2);
      assert.deepEqual(page.blockedRequests, ['https://cdn.example/x.js']);
      assert.deepEqual(page.millisecondsByWidth, { 375: 10, 768: 12 });
      assert.equal(uiCheckReport([page], 'Chrome/1', [375, 768]).passed, false);
      const clean = pageCheck('b.html', [{ width: 375, findings: [finding(375, 'region', 'moderate')], review: [], advice: [], milliseconds: 1, blockedRequests: [] }]);
      assert.equal(uiCheckReport([clean], 'Chrome/1', [375]).passed, true);
    });
  });
});
