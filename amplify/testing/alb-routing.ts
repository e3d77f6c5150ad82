/**
 * What an Application Load Balancer's listener does with a request, read from a synthesized
 * template: its rules in priority order, the first whose conditions all match wins, else the
 * listener's default actions. Only path-pattern conditions are modelled (case-sensitive, `*` any
 * characters, `?` one, matched against the path without its query); a rule with any other kind
 * of condition makes this throw rather than guess.
 */
import type { CfnValue } from './cfn-shapes';
import { resourcesOfType, type CfnTemplate } from './synthesize';

export type ListenerAction =
  | { Type: 'forward'; TargetGroupArn: CfnValue }
  | { Type: 'fixed-response'; FixedResponseConfig: { StatusCode: string } }
  | { Type: string; [key: string]: CfnValue };

interface Listener {
  DefaultActions: ListenerAction[];
}
interface ListenerRule {
  ListenerArn: CfnValue;
  Priority: number;
  Conditions: { Field: string; PathPatternConfig?: { Values: string[] }; Values?: string[] }[];
  Actions: ListenerAction[];
}

function pathPatternMatches(pattern: string, path: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(path);
}

/** The one listener of the template (its logical id) and its rules, lowest priority number first. */
export function listenerOf(template: CfnTemplate) {
  const listeners = resourcesOfType<Listener>(template, 'AWS::ElasticLoadBalancingV2::Listener');
  const ids = Object.keys(listeners);
  if (ids.length !== 1) throw new Error(`expected one listener, found ${ids.length}`);
  const id = ids[0]!;
  const rules = Object.values(
    resourcesOfType<ListenerRule>(template, 'AWS::ElasticLoadBalancingV2::ListenerRule'),
  )
    .map((rule) => rule.Properties)
    .filter((rule) => JSON.stringify(rule.ListenerArn) === JSON.stringify({ Ref: id }))
    .sort((a, b) => a.Priority - b.Priority);
  return { id, defaultActions: listeners[id]!.Properties.DefaultActions, rules };
}

/** The actions the listener takes for a request to this path (query string included or not). */
export function routeOf(template: CfnTemplate, target: string): ListenerAction[] {
  const path = target.split('?')[0]!;
  const { defaultActions, rules } = listenerOf(template);
  for (const rule of rules) {
    const matches = rule.Conditions.every((condition) => {
      if (condition.Field !== 'path-pattern')
        throw new Error(`${condition.Field} conditions are not modelled`);
      const patterns = condition.PathPatternConfig?.Values ?? condition.Values ?? [];
      return patterns.some((pattern) => pathPatternMatches(pattern, path));
    });
    if (matches) return rule.Actions;
  }
  return defaultActions;
}
