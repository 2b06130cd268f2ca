import { expect } from '@open-wc/testing';
import { assessGrey, assessImage } from '../../src/core/quality/assess.js';
import { blurOf } from '../../src/core/quality/blur.js';
import { cornersInside } from '../../src/core/quality/corners.js';
import { edgeMap } from '../../src/core/quality/edge-map.js';
import { exposureIssue } from '../../src/core/quality/exposure.js';
import { glareOf } from '../../src/core/quality/glare.js';
import { type GreyImage, greyCopy } from '../../src/core/quality/grey-image.js';
import { type Quad, regionInside } from '../../src/core/quality/quad.js';
import { QUALITY_ISSUES } from '../../src/core/quality/quality-report.js';
import { documentWidth, isTooSmall } from '../../src/core/quality/resolution.js';
import { EXPOSURE, GLARE, MIN_DOCUMENT_WIDTH } from '../../src/core/quality/thresholds.js';
import { cardScene } from './quality-scenes.js';

const grey = (width: number, height: number, value: (x: number, y: number) => number): GreyImage => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) data[y * width + x] = value(x, y);
  return { width, height, data };
};
const rectangle = (x0: number, y0: number, x1: number, y1: number): Quad => [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }];

describe('quality checks, one by one', () => {
  it('regionInside holds exactly the pixels of an upright rectangle, clipped to the image', () => {
    expect(regionInside({ width: 100, height: 80 }, rectangle(10, 20, 30, 50)).area).to.equal(20 * 30);
    expect(regionInside({ width: 100, height: 80 }, rectangle(-10, -10, 30, 50)).area).to.equal(30 * 50);
  });

  it('blurOf: a flat document has no detail left (1); hard stripes are sharp; their blurred copy is not', () => {
    const all = rectangle(0, 0, 200, 200);
    expect(blurOf(grey(200, 200, () => 128), regionInside({ width: 200, height: 200 }, all))).to.equal(1);
    const stripes = grey(200, 200, (x, y) => ((x >> 3) + (y >> 3)) % 2 ? 220 : 30);
    const soft = grey(200, 200, (x, y) => 125 + 95 * Math.sin((x * Math.PI) / 8) * Math.sin((y * Math.PI) / 8));
    const region = regionInside(stripes, all);
    expect(blurOf(stripes, region)).to.be.below(0.2);
    expect(blurOf(soft, region)).to.be.above(blurOf(stripes, region) + 0.2);
  });

  it('glareOf counts saturated patches, not white specks or letters', () => {
    const region = regionInside({ width: 200, height: 200 }, rectangle(0, 0, 200, 200));
    const specks = grey(200, 200, (x, y) => (x % 20 === 0 && y % 20 === 0 ? 255 : 120));
    expect(glareOf(specks, region)).to.equal(0);
    const patch = grey(200, 200, (x, y) => (Math.hypot(x - 100, y - 100) < 20 ? 255 : 120));
    expect(glareOf(patch, region)).to.be.closeTo((Math.PI * 20 * 20) / (200 * 200), 0.01);
  });

  it('exposureIssue: dark under the limit, washed out over it, a pale page well exposed is neither', () => {
    expect(exposureIssue({ mean: EXPOSURE.darkMean - 0.01, nearWhite: 0 })).to.equal('too-dark');
    expect(exposureIssue({ mean: EXPOSURE.darkMean + 0.01, nearWhite: 0 })).to.equal(undefined);
    expect(exposureIssue({ mean: 0.97, nearWhite: EXPOSURE.washedOut + 0.01 })).to.equal('too-bright');
    expect(exposureIssue({ mean: 0.9, nearWhite: 0.05 })).to.equal(undefined);
  });

  it('documentWidth: a card and a passport page across their long sides, a page across its short ones, either way up', () => {
    const landscape = rectangle(0, 0, 1000, 630);
    const portrait = rectangle(0, 0, 630, 1000);
    expect(documentWidth(landscape, 'card', 1)).to.equal(1000);
    expect(documentWidth(portrait, 'card', 2)).to.equal(2000);
    expect(documentWidth(portrait, 'page', 1)).to.equal(630);
    expect(isTooSmall(MIN_DOCUMENT_WIDTH.card, 'card')).to.equal(false);
    expect(isTooSmall(MIN_DOCUMENT_WIDTH.card - 1, 'card')).to.equal(true);
  });

  describe('cornersInside: an outline that stopped at a line of the document\'s layout', () => {
    // A pale card on a dark ground, 800 × 600; the outline's right side is a line of its layout at
    // x = 480 (a portrait's edge), so its top and bottom sides are the card's own edges.
    const card = (right: number) => edgeMap(grey(800, 600, (x, y) => (x >= 120 && x < right && y >= 150 && y < 450 ? 220 : 40)));
    const inner = (map: ReturnType<typeof edgeMap>) => {
      const at = (v: number) => v / map.factor - 0.5;
      const quad = rectangle(at(120), at(150), at(480), at(450));
      const side = (theta: number, rho: number) => ({ theta, rho, votes: 0 });
      return { quad, sides: [side(Math.PI / 2, at(150)), side(0, at(480)), side(Math.PI / 2, at(450)), side(0, at(120))] };
    };

    it('counts as outside the corners past which the card\'s edges run on out of the photo', () => {
      const map = card(800);
      const { quad, sides } = inner(map);
      expect(cornersInside(map, quad, sides, 'card')).to.equal(2);
    });

    it('counts all four when the card ends inside the photo, past the layout line', () => {
      const map = card(700);
      const { quad, sides } = inner(map);
      expect(cornersInside(map, quad, sides, 'card')).to.equal(4);
    });

    it('counts a whole card\'s own outline as four corners', () => {
      const map = card(700);
      const at = (v: number) => v / map.factor - 0.5;
      const side = (theta: number, rho: number) => ({ theta, rho, votes: 0 });
      const quad = rectangle(at(120), at(150), at(700), at(450));
      expect(cornersInside(map, quad, [side(Math.PI / 2, at(150)), side(0, at(700)), side(Math.PI / 2, at(450)), side(0, at(120))], 'card')).to.equal(4);
    });

    // An open passport: its photo page at y 250…560 and, across the fold (a dark line), the facing
    // page running out of the photo's top. The outline is the photo page's own.
    const booklet = (rightEdge: number) =>
      edgeMap(grey(800, 600, (x, y) => (x >= 120 && x < rightEdge && y < 560 ? (y >= 245 && y < 250 ? 60 : 220) : 40)));
    const photoPage = (map: ReturnType<typeof edgeMap>, right: number) => {
      const at = (v: number) => v / map.factor - 0.5;
      const side = (theta: number, rho: number) => ({ theta, rho, votes: 0 });
      return { quad: rectangle(at(120), at(250), at(right), at(560)), sides: [side(Math.PI / 2, at(250)), side(0, at(right)), side(Math.PI / 2, at(560)), side(0, at(120))] };
    };

    it("counts a passport's photo page as whole when its short sides go on, across the fold, as the facing page's", () => {
      const map = booklet(560);
      const { quad, sides } = photoPage(map, 560);
      expect(cornersInside(map, quad, sides, 'passportPage')).to.equal(4);
      expect(cornersInside(map, quad, sides, 'card'), 'a card has no facing page').to.equal(2);
    });

    it("still counts as outside the corners past which a passport page's long sides run on out of the photo", () => {
      const map = booklet(800);
      const { quad, sides } = photoPage(map, 560);
      // Cut off on the right: both long sides go on out of the photo there; its left corners are its own.
      expect(cornersInside(map, quad, sides, 'passportPage')).to.equal(2);
    });
  });
});

describe('assessImage on drawn photos of a card', () => {
  it('passes a sharp, whole, well-lit card of 1150 px, and finds its width', () => {
    const report = assessImage(cardScene());
    expect(report.issues).to.deep.equal([]);
    expect(report.passed).to.equal(true);
    expect(report.corners).to.equal(4);
    expect(report.resolution).to.be.within(1150 * 0.93, 1150 * 1.07);
    expect(report.blur).to.be.below(0.24);
    expect(report.glare).to.equal(0);
    expect(report.exposure).to.be.within(0.5, 0.9);
  });

  it('closes a photo handed over once its grey copy is made, and only then', async () => {
    const kept = await createImageBitmap(cardScene());
    const handed = await createImageBitmap(cardScene());
    const report = assessImage(handed, { handOver: true });
    expect(report, 'the same checks').to.deep.equal(assessImage(kept));
    expect(handed.width, 'closed').to.equal(0);
    expect(kept.width, 'left to its caller').to.equal(1600);
    kept.close();
  });

  it('finds no document in a photo of the background alone', () => {
    const report = assessImage(cardScene({ empty: true }));
    expect(report.issues).to.deep.equal(['document-not-found']);
    expect(report.corners).to.equal(0);
    expect(report.resolution).to.equal(0);
  });

  it('says cut-off, with fewer than 4 corners, when a corner is outside the photo', () => {
    const report = assessImage(cardScene({ center: { x: 1600 - 420, y: 1200 - 280 } }));
    expect(report.corners).to.be.below(4);
    expect(report.issues[0]).to.equal('cut-off');
  });

  it('says cut-off when a whole side is outside the photo', () => {
    const report = assessImage(cardScene({ center: { x: 800, y: 1200 - 220 }, angle: 0.03 }));
    expect(report.corners).to.be.below(4);
    expect(report.issues).to.include('cut-off');
  });

  it('says too-small for a card 500 px across, and reads the width in the source\'s pixels', () => {
    expect(assessImage(cardScene({ cardWidth: 500 })).issues).to.deep.equal(['too-small']);
    // The same picture standing for a photo twice its size: twice the pixels across the card.
    const half = assessImage(cardScene({ width: 800, height: 600, cardWidth: 575 }), { sourceWidth: 1600, sourceHeight: 1200 });
    expect(half.resolution).to.be.within(1150 * 0.93, 1150 * 1.07);
    expect(half.issues).to.deep.equal([]);
  });

  it('says blurred for an out-of-focus card, and only that', () => {
    const sharp = assessImage(cardScene());
    const soft = assessImage(cardScene({ blur: 6 }));
    expect(soft.blur).to.be.above(sharp.blur + 0.15);
    expect(soft.issues).to.deep.equal(['blurred']);
  });

  it('says glare for a reflection on the card, not too-bright', () => {
    const report = assessImage(cardScene({ glare: true }));
    expect(report.glare).to.be.above(GLARE.limit);
    expect(report.issues).to.deep.equal(['glare']);
  });

  it('says too-bright, not glare, for a card washed out as a whole', () => {
    const report = assessImage(cardScene({ wash: 0.45 }));
    expect(report.issues).to.include('too-bright');
    expect(report.issues).not.to.include('glare');
  });

  it('says too-dark for an under-exposed card', () => {
    const report = assessImage(cardScene({ gain: 0.25 }));
    expect(report.issues).to.deep.equal(['too-dark']);
    expect(report.exposure).to.be.below(0.3);
  });

  it('orders issues most useful first, as QUALITY_ISSUES does', () => {
    const report = assessImage(cardScene({ gain: 0.28, blur: 4, cardWidth: 800 }));
    expect(report.issues).to.deep.equal(['too-small', 'blurred', 'too-dark']);
    expect([...report.issues].sort((a, b) => QUALITY_ISSUES.indexOf(a) - QUALITY_ISSUES.indexOf(b))).to.deep.equal(report.issues);
  });

  it('assessGrey reads a grey copy the caller made, with the source size it came from', () => {
    const copy = greyCopy(cardScene(), 800);
    expect([copy.width, copy.height]).to.deep.equal([800, 600]);
    const report = assessGrey(copy, { sourceWidth: 1600, sourceHeight: 1200, shape: 'card' });
    expect(report.resolution).to.be.within(1150 * 0.93, 1150 * 1.07);
  });
});
