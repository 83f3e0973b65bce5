import { sharedWhileRunning } from './sharedWhileRunning';

/** A computation whose answers the test releases one by one. */
function held() {
  const releases: Array<(value: string) => void> = [];
  let calls = 0;
  const compute = () => {
    calls += 1;
    return new Promise<string>(resolve => releases.push(resolve));
  };
  return { compute, releases, calls: () => calls };
}

describe('sharedWhileRunning', () => {
  it('answers the calls made while one runs with its answer, and runs again after it', async () => {
    const { compute, releases, calls } = held();
    const shared = sharedWhileRunning(compute);
    const first = shared();
    const second = shared();
    expect(calls()).toBe(1);
    releases[0]('state 1');
    await expect(first).resolves.toBe('state 1');
    await expect(second).resolves.toBe('state 1');

    // After the answer, a call sees what changed since: a new computation.
    const third = shared();
    expect(calls()).toBe(2);
    releases[1]('state 2');
    await expect(third).resolves.toBe('state 2');
  });

  it('forgets a failed computation, so the next call tries again', async () => {
    let calls = 0;
    const shared = sharedWhileRunning(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database gone');
      return 'state';
    });
    await expect(shared()).rejects.toThrow('database gone');
    await expect(shared()).resolves.toBe('state');
    expect(calls).toBe(2);
  });
});
