// Tag colours with enough contrast for WCAG AA (antd's preset tag colours fall short on small text).
import type { CSSProperties } from 'react';

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'error';

const TONES: Record<Tone, CSSProperties> = {
  neutral: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
  info: { color: '#0b3d91', background: '#e6f4ff', borderColor: '#91caff' },
  ok: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  warn: { color: '#7a3e00', background: '#fff7e6', borderColor: '#ffd591' },
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
};

export const toneStyle = (tone: Tone): CSSProperties => TONES[tone];
