import * as assert from 'node:assert/strict';
import { RenderScheduler, STREAM_INTERVAL_MS } from '../../../webview/src/renderScheduler';

describe('the render scheduler', () => {
  let frames: (() => void)[];
  let time: number;
  let renders: number;
  let scheduler: RenderScheduler;
  const runFrames = () => frames.splice(0).forEach((frame) => frame());

  beforeEach(() => {
    frames = [];
    time = 1_000;
    renders = 0;
    scheduler = new RenderScheduler(() => renders++, { requestFrame: (callback) => frames.push(callback), now: () => time });
  });

  it('draws once per frame however often it is asked', () => {
    for (let i = 0; i < 1_000; i++) scheduler.schedule();
    assert.equal(frames.length, 1);
    runFrames();
    assert.equal(renders, 1);
  });

  it('while updates stream in, draws at most once per interval', async () => {
    scheduler.schedule();
    runFrames();
    time += STREAM_INTERVAL_MS / 2;
    scheduler.schedule();
    scheduler.schedule();
    assert.equal(frames.length, 0, 'too soon: waits for the interval');
    await new Promise((resolve) => setTimeout(resolve, STREAM_INTERVAL_MS));
    assert.equal(frames.length, 1);
    time += STREAM_INTERVAL_MS;
    runFrames();
    assert.equal(renders, 2);
  });

  it('draws what the user did in the next frame, without waiting for the interval', () => {
    scheduler.schedule();
    runFrames();
    scheduler.schedule();
    scheduler.schedule(true);
    assert.equal(frames.length, 1);
    runFrames();
    assert.equal(renders, 2);
  });
});
