import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  test('defaults: port 3000, embedded database, demo data on', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEMO_DATA).toBe(true);
    expect(config.DATA_DIR).toMatch(/\.data$/);
  });

  test.each([
    ['DEMO_DATA', 'off', false],
    ['DEMO_DATA', 'on', true],
    ['PORT', '8080', 8080],
    ['DATABASE_URL', 'postgres://u:p@db.internal:5432/ipo', 'postgres://u:p@db.internal:5432/ipo'],
  ])('%s=%s is read as %j', (key, value, expected) => {
    expect(loadConfig({ [key]: value })[key as 'PORT']).toEqual(expected);
  });

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DEMO_DATA', 'maybe'],
    ['DATABASE_URL', 'mysql://localhost/ipo'],
    ['LOG_LEVEL', 'loud'],
  ])('a bad %s=%s stops start-up with a message naming the key', (key, value) => {
    let caught: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.join('\n')).toContain(`${key}:`);
    expect((caught as ConfigError).message).toContain(key);
  });

  test('reports every bad key at once', () => {
    expect(() => loadConfig({ PORT: 'x', DEMO_DATA: 'y' })).toThrow(
      /PORT[\s\S]*DEMO_DATA|DEMO_DATA[\s\S]*PORT/,
    );
  });
});
