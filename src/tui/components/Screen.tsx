/**
 * Paints the frame's lines; every decision about what they say was made in state/views.
 * Lines are cut to the size the state knows; `truncate-end` also cuts them to the
 * terminal's width, so a frame drawn in the instant between a resize and the state
 * learning of it never wraps.
 */
import { Box, Text } from 'ink';
import type { Line } from '../state/lines.js';
import type { Theme } from './theme.js';
import { escapeField } from '../../text/terminal-safe.js';

export function Screen({ lines, theme }: { lines: Line[]; theme: Theme }) {
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" inverse={l.selected}>
          {l.segments.length === 0
            ? ' '
            : l.segments.map((s, j) => (
                <Text key={j} {...(s.tone ? theme[s.tone] : {})}>
                  {escapeField(s.text)}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
