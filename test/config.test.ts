import path from 'node:path';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/core/errors';

describe('loadConfig', () => {
  it('runs on embedded defaults', () => {
    const config = loadConfig({}, '/srv/ponte');
    expect(config).toMatchObject({ port: 3978, dataDir: path.resolve('/srv/ponte/data'), retentionDays: 30, defaultLanguage: 'it' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every bad variable by name at once', () => {
    try {
      loadConfig({ PORT: 'eighty', RETENTION_DAYS: '-3', DEFAULT_LANGUAGE: 'de', LOG_LEVEL: 'loud' });
      throw new Error('should have failed');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      for (const name of ['PORT', 'RETENTION_DAYS', 'DEFAULT_LANGUAGE', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });

  it('asks for the Bot Framework password when an app id is set', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppPassword/);
  });
});
