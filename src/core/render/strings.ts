import type { LessonLanguage } from '../lessons/languages';

export type { LessonLanguage };

/** The few words the renderer itself writes into a lesson, in the lesson's language. */

export interface RenderStrings {
  readonly index: string;
  readonly input: string;
  readonly output: string;
  readonly group: string;
  readonly statistics: string;
  readonly stat: Readonly<Record<'count' | 'mean' | 'variance' | 'std' | 'rstd' | 'min' | 'max' | 'rms' | 'norm', string>>;
  readonly shape: string;
  readonly error: string;
  readonly quizFallback: string;
  readonly labFallback: (name: string) => string;
}

const en: RenderStrings = {
  index: 'Index',
  input: 'Input',
  output: 'Output',
  group: 'Group',
  statistics: 'Statistics of each pooled group',
  stat: { count: 'count', mean: 'mean', variance: 'variance', std: 'std', rstd: 'rstd', min: 'min', max: 'max', rms: 'rms', norm: 'norm' },
  shape: 'shape',
  error: 'Error in this lesson',
  quizFallback: 'Quiz (needs the Normalization Lab panel).',
  labFallback: (name) => `Interactive lab “${name}” (needs the Normalization Lab panel).`,
};

const zhCn: RenderStrings = {
  index: '索引',
  input: '输入',
  output: '输出',
  group: '组',
  statistics: '每个汇总组的统计量',
  stat: { count: '元素数', mean: '均值', variance: '方差', std: '标准差', rstd: 'rstd', min: '最小值', max: '最大值', rms: '均方根', norm: '范数' },
  shape: '形状',
  error: '本课内容有误',
  quizFallback: '测验(需要在 Normalization Lab 面板中作答)。',
  labFallback: (name) => `交互实验“${name}”(需要在 Normalization Lab 面板中打开)。`,
};

export function renderStrings(language: LessonLanguage): RenderStrings {
  return language === 'zh-cn' ? zhCn : en;
}
