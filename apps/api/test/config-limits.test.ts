import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

/** The settings of timeouts, rate limits and allowed hosts (README, "Limits and timeouts"). */
describe('limits, timeouts and allowed hosts', () => {
  test('defaults', () => {
    const config = loadConfig({});
    expect(config.ALLOWED_HOSTS).toBeUndefined();
    expect(config).toMatchObject({
      DB_CONNECT_TIMEOUT_MS: 5_000,
      DB_STATEMENT_TIMEOUT_MS: 30_000,
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      DB_BULK_STATEMENT_TIMEOUT_MS: 900_000,
      IMPORT_LOCK_WAIT_MS: 5_000,
      HTTP_REQUEST_TIMEOUT_MS: 600_000,
      HTTP_CONNECTION_TIMEOUT_MS: 1_200_000,
      SHUTDOWN_TIMEOUT_MS: 30_000,
      RATE_LIMIT_WINDOW_MS: 60_000,
      RATE_LIMIT_SEARCH: 120,
      RATE_LIMIT_IMPORTS: 10,
      RATE_LIMIT_INGEST: 60,
    });
  });

  test('ALLOWED_HOSTS is a comma-separated list, trimmed and lower-cased', () => {
    expect(
      loadConfig({ ALLOWED_HOSTS: ' Dash.Example.gov.uk, localhost:3000 ,[::1]:3000,' })
        .ALLOWED_HOSTS,
    ).toEqual(['dash.example.gov.uk', 'localhost:3000', '[::1]:3000']);
  });

  test.each([
    ['ALLOWED_HOSTS', 'https://dash.example.gov.uk'],
    ['ALLOWED_HOSTS', ','],
    ['DB_STATEMENT_TIMEOUT_MS', '-1'],
    ['DB_CONNECT_TIMEOUT_MS', 'soon'],
    ['SHUTDOWN_TIMEOUT_MS', '0'],
    ['RATE_LIMIT_SEARCH', '1.5'],
  ])('a bad %s=%s stops start-up with a message naming it', (key, value) => {
    let caught: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain(key);
  });
});
