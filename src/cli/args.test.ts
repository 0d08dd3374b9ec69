import { describe, expect, it } from 'vitest';
import { opt, opts, parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('splits command, positionals, repeatable value options and flags', () => {
    const a = parseArgs(['summary', '--layer', 'cultivated=a.geojson', '--layer=eco-redline=b.geojson', '--json', 'x', '--region', '230123']);
    expect(a.command).toBe('summary');
    expect(a.positionals).toEqual(['x']);
    expect(opts(a, 'layer')).toEqual(['cultivated=a.geojson', 'eco-redline=b.geojson']);
    expect(opt(a, 'region')).toBe('230123');
    expect(a.flags.has('json')).toBe(true);
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['area', '--', '--json']).positionals).toEqual(['--json']);
  });

  it('refuses a value option without its value', () => {
    expect(() => parseArgs(['area', '--method'])).toThrow(UsageError);
  });
});
