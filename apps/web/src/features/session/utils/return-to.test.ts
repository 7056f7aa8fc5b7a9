import { describe, expect, it } from 'vitest';
import { safeReturnTo, signInPath } from './return-to';

describe('returnTo', () => {
  it('keeps a path of this site with its query', () => {
    expect(safeReturnTo('/feedback?period=2025-11&theme=fees')).toBe(
      '/feedback?period=2025-11&theme=fees',
    );
    expect(safeReturnTo('/standards/csc-calls#items')).toBe('/standards/csc-calls#items');
  });

  it.each([
    [null],
    [''],
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['/a\\b'],
    ['/a b'],
    ['/a\tb'],
    ['javascript:alert(1)'],
    ['standards'],
    ['/sign-in?returnTo=/feedback'],
    [`/${'a'.repeat(2000)}`],
  ])('goes home instead of to %j', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('makes the sign-in address that comes back', () => {
    expect(signInPath('/feedback?period=2025-11')).toBe(
      '/sign-in?returnTo=%2Ffeedback%3Fperiod%3D2025-11',
    );
    expect(signInPath('//evil.example')).toBe('/sign-in?returnTo=%2F');
  });
});
