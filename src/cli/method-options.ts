import { getRecourseMethod, VAE_RULES } from '../recourse/index';
import { RECOURSE_METHOD_NAMES } from '../recourse/names';
import { RecourseError } from '../util/errors';
import { parseOptionAssignments } from '../util/options';

/**
 * Method options from `--opt` values: `key=value` for one method, or `method.key=value` when several run;
 * C-CHVAE's autoencoder options are `cchvae.vae.key=value` (or `vae.key=value`). Values are parsed and
 * checked against the method's option rules.
 */
export function parseMethodOptions(pairs: readonly string[], methods: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new RecourseError(`--opt expects key=value or method.key=value; got '${pair}'`);
    let path = pair.slice(0, eq).trim().split('.');
    if ((RECOURSE_METHOD_NAMES as readonly string[]).includes(path[0]) && !methods.includes(path[0])) {
      throw new RecourseError(
        `--opt '${pair}': ${path[0]} is not among the methods of this run (${methods.join(', ')}); add it to --methods or drop the option`,
      );
    }
    if (!methods.includes(path[0])) {
      if (methods.length !== 1)
        throw new RecourseError(`--opt '${pair}': name the method, e.g. --opt ${methods[0]}.${path.join('.')}=...; methods: ${methods.join(', ')}`);
      path = [methods[0], ...path];
    }
    const [method, key, sub, ...rest] = path;
    if (!key || rest.length) throw new RecourseError(`--opt '${pair}': expected method.key=value`);
    const value = pair.slice(eq + 1);
    const target = (out[method] ??= {});
    if (sub !== undefined && (method !== 'cchvae' || key !== 'vae')) throw new RecourseError(`--opt '${pair}': only cchvae.vae.<key> has nested options`);
    try {
      if (sub !== undefined) target.vae = { ...((target.vae as object) ?? {}), ...parseOptionAssignments('cchvae vae', VAE_RULES, [`${sub}=${value}`]) };
      else Object.assign(target, parseOptionAssignments(method, getRecourseMethod(method).rules, [`${key}=${value}`]));
    } catch (e) {
      throw e instanceof RecourseError ? new RecourseError(`--opt '${pair}': ${e.message}`) : e;
    }
  }
  return out;
}
