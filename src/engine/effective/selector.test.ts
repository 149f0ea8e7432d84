import { parseSelector, selectorMatches } from './selector.js';

const labels = { app: 'shop', tier: 'web', 'example.com/zone': 'west', replicas: '3' };
const holds = (text: string): boolean | string => {
  const selector = parseSelector(text);
  return typeof selector === 'string' ? selector : selectorMatches(selector, labels);
};

test('each requirement of the label selector syntax, comma as AND', () => {
  expect(holds('app=shop')).toBe(true);
  expect(holds('app == shop')).toBe(true);
  expect(holds('app!=shop')).toBe(false);
  expect(holds('missing!=x')).toBe(true);
  expect(holds('tier in (web, api)')).toBe(true);
  expect(holds('tier notin (web,api)')).toBe(false);
  expect(holds('missing notin (a)')).toBe(true);
  expect(holds('missing in (a)')).toBe(false);
  expect(holds('example.com/zone')).toBe(true);
  expect(holds('!example.com/zone')).toBe(false);
  expect(holds('!missing')).toBe(true);
  expect(holds('replicas>2,replicas<4')).toBe(true);
  expect(holds('app>2')).toBe(false);
  expect(holds('app=shop,tier=api')).toBe(false);
  expect(holds('app=shop, tier in (web), !missing')).toBe(true);
  expect(holds('')).toBe(true);
  expect(holds('missing=')).toBe(false);
  expect(selectorMatches(parseSelector('blank=') as never, { blank: '' })).toBe(true);
});

test('what kustomize refuses is said, never matched', () => {
  expect(holds('app in (shop')).toBe('a missing ) in selector "app in (shop"');
  expect(holds('app=shop,')).toBe('a missing requirement after , in selector "app=shop,"');
  expect(holds('app=a b')).toBe('an unexpected "b" in selector "app=a b"');
  expect(holds('=shop')).toBe('"=" is not a label key in selector "=shop"');
  expect(holds('app=-x')).toBe('"-x" is not a label value in selector "app=-x"');
  expect(holds('Bad_Prefix/app')).toBe('"Bad_Prefix/app" is not a label key in selector "Bad_Prefix/app"');
  expect(holds('replicas>two')).toBe('"two" is not an integer in selector "replicas>two"');
  expect(holds('app in shop')).toBe('an unexpected "in" after app in selector "app in shop"');
  expect(holds('!app=shop')).toBe('an unexpected "=" in selector "!app=shop"');
});
