/**
 * `airlock cvs`: a typo. On a terminal @oclif/plugin-not-found asks "Did you mean cves?"
 * and runs it when confirmed. Off a terminal (a script, CI) that plugin only says the
 * command does not exist, so here the closest command is named in the error instead:
 * a script's log then carries the fix.
 */
import type { Hook } from '@oclif/core';
import { toConfiguredId } from '@oclif/core';
import pluginNotFound from '@oclif/plugin-not-found';
import { closestMatch } from '../text/closest.js';

const hook: Hook<'command_not_found'> = async function (opts) {
  if (process.stdin.isTTY && process.stderr.isTTY)
    return (pluginNotFound as unknown as Hook<'command_not_found'>).call(this, opts);
  const visible = opts.config.commands.filter((c) => !c.hidden);
  const ids = [...visible.map((c) => c.id), ...visible.flatMap((c) => c.aliases)];
  // `airlock quikview app.tar` arrives as the id `quikview:app.tar`: the words after the
  // command may be arguments, so the longest prefix with a close command is the typo.
  const words = opts.id.split(':');
  let typed = opts.id;
  let suggestion: string | undefined;
  let distance = Infinity;
  for (let n = words.length; n > 0; n--) {
    const prefix = words.slice(0, n).join(':');
    const match = closestMatch(prefix, ids);
    if (match && match.distance < distance) {
      ({ word: suggestion, distance } = match);
      typed = prefix;
    }
  }
  const named = suggestion ? `; did you mean ${toConfiguredId(suggestion, opts.config)}?` : '';
  process.stderr.write(`error: ${toConfiguredId(typed, opts.config)} is not an ${opts.config.bin} command${named}\n`);
  process.stderr.write(`hint: ${opts.config.bin} help lists the commands\n`);
  this.exit(127);
};

export default hook;
