/**
 * Every word the labs show, in English and Simplified Chinese. The page's `<html lang>` picks
 * the language (the host sets it from VS Code's display language). Numbers are passed in, never
 * written here.
 */
import type { TextLanguage } from '../../core/text/pooling';

export interface LabStrings {
  readonly explorer: {
    readonly controls: string;
    readonly normalization: string;
    readonly groups: string;
    readonly groupsValue: (groups: number) => string;
    readonly shape: string;
    readonly sizeNames: readonly [string, string, string];
    readonly show: string;
    readonly before: string;
    readonly after: string;
    readonly randomize: string;
    readonly resetValues: string;
    readonly cellValue: string;
    readonly hint: string;
    /** The language the pooling sentence is said in (`core/text/pooling.ts`). */
    readonly language: TextLanguage;
    readonly groupCount: (count: number) => string;
    /** The line above the tensor: the op, what it pools, how many groups (punctuation is the language's). */
    readonly poolingLine: (op: string, pools: string, groupCount: string) => string;
    /** Between the statistics of a group ("mean 0.5, std 1"). */
    readonly statSeparator: string;
    readonly cellName: (rank: number, n: number, c: number, s: number) => string;
    readonly sample: (n: number) => string;
    readonly blockCaption: (n: number) => string;
    readonly axes: (batch: number, channels: number, positions: number) => string;
    readonly groupOf: (group: number, groups: number, count: number) => string;
    readonly beforeAfter: (before: string, after: string) => string;
    readonly groupStats: (stats: string) => string;
    readonly becomes: (cell: string, before: string, after: string) => string;
    readonly statNames: { readonly mean: string; readonly std: string; readonly rms: string; readonly min: string; readonly max: string; readonly norm: string };
    readonly tooMany: (count: number, limit: number) => string;
    readonly engineRefuses: (message: string) => string;
    readonly newValues: string;
    readonly valuesReset: string;
  };
  readonly collapse: {
    readonly controls: string;
    readonly depth: string;
    readonly layers: (count: number) => string;
    readonly width: string;
    readonly units: (count: number) => string;
    readonly relu: string;
    readonly newWeights: string;
    readonly stackHeading: string;
    readonly collapsedHeading: string;
    readonly withRelu: string;
    readonly withoutRelu: string;
    readonly inputAxis: string;
    readonly outputAxis: string;
    readonly stackSeries: string;
    readonly singleSeries: string;
    readonly bestLineSeries: string;
    readonly plotBent: (miss: string) => string;
    readonly plotSame: string;
    readonly summaryBent: (miss: string, range: string, bestMiss: string) => string;
    readonly summarySame: (layers: number, weight: string, bias: string, range: string, difference: string) => string;
  };
  readonly scale: {
    readonly controls: string;
    readonly learningRate: string;
    readonly learningRateSlider: string;
    readonly learningRateValue: (rate: string) => string;
    readonly steps: string;
    readonly newData: string;
    readonly hint: (features: string) => string;
    readonly features: readonly [string, string];
    readonly raw: string;
    readonly standardized: string;
    readonly divergedTitle: (title: string, step: number) => string;
    readonly stepAxis: string;
    readonly lossAxis: string;
    readonly lossSeries: string;
    readonly bestSeries: string;
    readonly gradientTitle: (title: string) => string;
    readonly diverged: (name: string, step: number, stable: string) => string;
    readonly trained: (name: string, start: string, end: string, stable: string) => string;
    readonly summary: (rate: string, steps: number, raw: string, standardized: string, best: string) => string;
  };
  readonly invariance: {
    readonly controls: string;
    readonly scale: string;
    readonly scaleSlider: string;
    readonly scaleValue: (scale: string) => string;
    readonly norm: string;
    readonly layerNorm: string;
    readonly batchNorm: string;
    readonly newWeights: string;
    readonly hint: (norm: 'layer_norm' | 'batch_norm', samples: number, inputs: number, features: number, rate: string) => string;
    readonly outputCaption: (norm: 'layer_norm' | 'batch_norm', scale: string) => string;
    readonly sampleName: (row: number) => string;
    readonly featureName: (column: number) => string;
    readonly measuresCaption: string;
    readonly quantity: string;
    readonly atOne: string;
    readonly atScale: (scale: string) => string;
    readonly ratio: string;
    readonly weightNorm: string;
    readonly gradientNorm: string;
    readonly effectiveStep: string;
    readonly outputChange: string;
    readonly gradientCheck: (norm: 'layer_norm' | 'batch_norm', sum: string, dot: string, difference: string, largest: string) => string;
    readonly summary: (scale: string, difference: string, gradientRatio: string, stepRatio: string) => string;
  };
  readonly axes: {
    readonly layout: (blocks: string | undefined, rows: string | undefined, columns: string) => string;
    readonly summary: (pooled: readonly string[], pools: number, cellsPerPool: number) => string;
  };
  readonly invalidJson: (config: string) => string;
  readonly couldNotStart: (message: string) => string;
}

const en: LabStrings = {
  explorer: {
    controls: 'Tensor explorer controls',
    normalization: 'Normalization',
    groups: 'Groups',
    groupsValue: (groups) => `${groups} groups`,
    shape: 'Shape (N, C, H·W)',
    sizeNames: ['N (samples)', 'C (channels)', 'H·W (positions)'],
    show: 'Show',
    before: 'values before',
    after: 'values after',
    randomize: 'Randomize',
    resetValues: 'Reset values',
    cellValue: 'Value of this cell',
    hint: 'Cells pooled into one group share a colour and a border style. Hover or click a cell, or Tab into the tensor and use the arrow keys (Page Up/Down: other sample; Enter: edit the value).',
    language: 'en',
    groupCount: (count) => `${count} group${count === 1 ? '' : 's'}.`,
    poolingLine: (op, pools, groupCount) => `${op}: ${pools}. ${groupCount}`,
    statSeparator: ', ',
    cellName: (rank, n, c, s) => (rank >= 3 ? `sample ${n}, channel ${c}, position ${s}` : rank === 2 ? `row ${c}, column ${s}` : `element ${s}`),
    sample: (n) => `sample ${n}`,
    blockCaption: (n) => `n = ${n}`,
    axes: (batch, channels, positions) =>
      `each block is one sample (N = ${batch}); rows are channels (C = ${channels}), columns are positions (H·W = ${positions})`,
    groupOf: (group, groups, count) => `group ${group} of ${groups} (${count} cells)`,
    beforeAfter: (before, after) => `before ${before} → after ${after}`,
    groupStats: (stats) => `group ${stats}`,
    becomes: (cell, before, after) => `${cell}: ${before} becomes ${after}.`,
    statNames: { mean: 'mean', std: 'std', rms: 'rms', min: 'min', max: 'max', norm: 'norm' },
    tooMany: (count, limit) => `This tensor has ${count} values; the explorer draws at most ${limit}. Select fewer values to explore them.`,
    engineRefuses: (message) => `The engine refuses this: ${message}`,
    newValues: 'New random values.',
    valuesReset: 'Values reset to the selection.',
  },
  collapse: {
    controls: 'Linear collapse controls',
    depth: 'Depth',
    layers: (count) => `${count} layers`,
    width: 'Hidden width',
    units: (count) => `${count} units`,
    relu: 'ReLU between layers',
    newWeights: 'New weights',
    stackHeading: 'The stack, applied layer by layer (input x → output y)',
    collapsedHeading: 'One layer computed from it: y = W x + b',
    withRelu: 'With ReLU between layers',
    withoutRelu: 'Without activations',
    inputAxis: 'input x',
    outputAxis: 'output y',
    stackSeries: 'the stack',
    singleSeries: 'single layer W x + b',
    bestLineSeries: 'best single layer (least squares)',
    plotBent: (miss) => `The stack's output bends; the best straight line through it still misses it by up to ${miss}.`,
    plotSame: 'The two curves are the same straight line.',
    summaryBent: (miss, range, bestMiss) =>
      `With ReLU the stack bends where hidden units switch on or off. The single layer W x + b misses it by up to ${miss} on ${range}, and even the best straight line through it misses by ${bestMiss}: no single linear layer can stand in for it.`,
    summarySame: (layers, weight, bias, range, difference) =>
      `Without activations the ${layers}-layer stack is exactly the single layer y = ${weight}·x + ${bias}: over ${range} they differ by at most ${difference} (rounding). Extra linear layers add parameters, not expressiveness.`,
  },
  scale: {
    controls: 'Input scale controls',
    learningRate: 'Learning rate',
    learningRateSlider: 'Learning rate (logarithmic slider)',
    learningRateValue: (rate) => `learning rate ${rate}`,
    steps: 'Steps',
    newData: 'New data',
    hint: (features) =>
      `One linear layer, squared loss, full-batch gradient descent from zero weights; features: ${features}. First chart: the raw features; second: the same data standardized by z_score. Same learning rate for both.`,
    features: ['pixel (0–255)', 'fraction (0–1)'],
    raw: 'Raw features',
    standardized: 'Standardized (z_score)',
    divergedTitle: (title, step) => `${title}: diverged at step ${step}`,
    stepAxis: 'step',
    lossAxis: 'loss (log scale)',
    lossSeries: 'loss',
    bestSeries: 'best possible',
    gradientTitle: (title) => `${title}: |gradient| per weight at step 0`,
    diverged: (name, step, stable) => `${name}: diverged at step ${step} (stable only below ${stable}).`,
    trained: (name, start, end, stable) => `${name}: loss ${start} → ${end} (stable only below ${stable}).`,
    summary: (rate, steps, raw, standardized, best) =>
      `Learning rate ${rate}, ${steps} steps. ${raw} ${standardized} Best possible loss for both: ${best}.`,
  },
  invariance: {
    controls: 'Scale invariance controls',
    scale: 'Weight scale s',
    scaleSlider: 'Weight scale s (logarithmic slider)',
    scaleValue: (scale) => `s = ${scale}`,
    norm: 'Normalization',
    layerNorm: 'LayerNorm (per sample)',
    batchNorm: 'BatchNorm (per feature)',
    newWeights: 'New weights',
    hint: (norm, samples, inputs, features, rate) =>
      `A linear layer without bias, z = (s·W) x, maps ${inputs} inputs to ${features} features for a batch of ${samples} samples; ${norm === 'layer_norm' ? 'LayerNorm' : 'BatchNorm (training mode)'} with eps = 0 normalizes z into y. The loss is L = Σ g·y for a fixed upstream gradient g. Move s and compare with s = 1; “one step” is one SGD step with learning rate η = ${rate}.`,
    outputCaption: (norm, scale) => `Output y = ${norm === 'layer_norm' ? 'LayerNorm' : 'BatchNorm'}(z) at s = ${scale}`,
    sampleName: (row) => `sample ${row + 1}`,
    featureName: (column) => `feature ${column + 1}`,
    measuresCaption: 'What the scale changes, computed by the engine',
    quantity: 'quantity',
    atOne: 'at s = 1',
    atScale: (scale) => `at s = ${scale}`,
    ratio: 'ratio',
    weightNorm: 'weight norm ‖s·W‖',
    gradientNorm: 'gradient norm ‖∂L/∂W‖',
    effectiveStep: 'effective step η‖∂L/∂W‖ / ‖W‖',
    outputChange: 'largest change of y after one step',
    gradientCheck: (norm, sum, dot, difference, largest) =>
      `The backward pass, checked: on each ${norm === 'layer_norm' ? 'sample' : 'feature'}, the engine’s ∂L/∂z sums to at most ${sum} and its dot product with x̂ is at most ${dot} (both 0 up to rounding); it differs from central differences of the forward pass by at most ${difference}, where its largest entry is ${largest}.`,
    summary: (scale, difference, gradientRatio, stepRatio) =>
      `At s = ${scale} the output differs from the one at s = 1 by at most ${difference} (rounding): the norm divides the scale back out. The gradient is ${gradientRatio} times the one at s = 1 (that is 1/s), the effective step ${stepRatio} times (1/s²).`,
  },
  axes: {
    layout: (blocks, rows, columns) =>
      [blocks && `one block per ${blocks}`, rows && `rows: ${rows}`, `columns: ${columns}`].filter(Boolean).join('; '),
    summary: (pooled, pools, cellsPerPool) =>
      pooled.length === 0
        ? `No axis pooled: every cell is its own pool (${pools} pools).`
        : `Pooling over ${pooled.join(', ')}: ${pools} pool${pools === 1 ? '' : 's'} of ${cellsPerPool} cells each; one colour per pool.`,
  },
  invalidJson: (config) => `This lab's settings are not valid JSON: ${config}`,
  couldNotStart: (message) => `This lab could not start: ${message}`,
};

const zhCn: LabStrings = {
  explorer: {
    controls: '张量浏览器控件',
    normalization: '归一化',
    groups: '组数',
    groupsValue: (groups) => `${groups} 组`,
    shape: '形状 (N, C, H·W)',
    sizeNames: ['N（样本）', 'C（通道）', 'H·W（位置）'],
    show: '显示',
    before: '归一化前的值',
    after: '归一化后的值',
    randomize: '随机生成',
    resetValues: '恢复原值',
    cellValue: '此格的值',
    hint: '汇总到同一组的格子颜色和边框样式相同。把鼠标悬停在格子上或点击它，或用 Tab 进入张量后用方向键移动（Page Up/Down：换样本；Enter：编辑数值）。',
    language: 'zh-cn',
    groupCount: (count) => `共 ${count} 组。`,
    poolingLine: (op, pools, groupCount) => `${op}：${pools}。${groupCount}`,
    statSeparator: '，',
    cellName: (rank, n, c, s) => (rank >= 3 ? `样本 ${n}，通道 ${c}，位置 ${s}` : rank === 2 ? `第 ${c} 行，第 ${s} 列` : `第 ${s} 个元素`),
    sample: (n) => `样本 ${n}`,
    blockCaption: (n) => `n = ${n}`,
    axes: (batch, channels, positions) => `每个方块是一个样本（N = ${batch}）；行是通道（C = ${channels}），列是位置（H·W = ${positions}）`,
    groupOf: (group, groups, count) => `第 ${group} 组，共 ${groups} 组（${count} 个格子）`,
    beforeAfter: (before, after) => `归一化前 ${before} → 归一化后 ${after}`,
    groupStats: (stats) => `本组 ${stats}`,
    becomes: (cell, before, after) => `${cell}：${before} 变为 ${after}。`,
    statNames: { mean: '均值', std: '标准差', rms: '均方根', min: '最小值', max: '最大值', norm: '范数' },
    tooMany: (count, limit) => `这个张量有 ${count} 个值，浏览器最多绘制 ${limit} 个。请选择更少的值。`,
    engineRefuses: (message) => `引擎拒绝了这个输入：${message}`,
    newValues: '已生成新的随机值。',
    valuesReset: '已恢复为所选的值。',
  },
  collapse: {
    controls: '线性坍缩控件',
    depth: '层数',
    layers: (count) => `${count} 层`,
    width: '隐藏层宽度',
    units: (count) => `${count} 个单元`,
    relu: '层间使用 ReLU',
    newWeights: '新的权重',
    stackHeading: '逐层计算的网络（输入 x → 输出 y）',
    collapsedHeading: '由它算出的单层：y = W x + b',
    withRelu: '层间有 ReLU',
    withoutRelu: '没有激活函数',
    inputAxis: '输入 x',
    outputAxis: '输出 y',
    stackSeries: '多层网络',
    singleSeries: '单层 W x + b',
    bestLineSeries: '最佳单层（最小二乘）',
    plotBent: (miss) => `多层网络的输出发生弯折；即使最佳拟合直线也最多偏离 ${miss}。`,
    plotSame: '两条曲线是同一条直线。',
    summaryBent: (miss, range, bestMiss) =>
      `有了 ReLU，网络在隐藏单元开启或关闭的地方弯折。单层 W x + b 在 ${range} 上最多偏离它 ${miss}，即使最佳拟合直线也偏离 ${bestMiss}：没有任何单个线性层能代替它。`,
    summarySame: (layers, weight, bias, range, difference) =>
      `没有激活函数时，这个 ${layers} 层网络恰好等于单层 y = ${weight}·x + ${bias}：在 ${range} 上两者最多相差 ${difference}（舍入误差）。多加线性层只增加参数，不增加表达能力。`,
  },
  scale: {
    controls: '输入尺度控件',
    learningRate: '学习率',
    learningRateSlider: '学习率（对数滑块）',
    learningRateValue: (rate) => `学习率 ${rate}`,
    steps: '步数',
    newData: '新的数据',
    hint: (features) =>
      `一个线性层，平方损失，从零权重开始的全批量梯度下降；特征：${features}。第一张图：原始特征；第二张：同样的数据经 z_score 标准化。两者使用相同的学习率。`,
    features: ['像素（0–255）', '比例（0–1）'],
    raw: '原始特征',
    standardized: '标准化（z_score）',
    divergedTitle: (title, step) => `${title}：第 ${step} 步发散`,
    stepAxis: '步',
    lossAxis: '损失（对数刻度）',
    lossSeries: '损失',
    bestSeries: '最低可能',
    gradientTitle: (title) => `${title}：第 0 步各权重的梯度大小`,
    diverged: (name, step, stable) => `${name}：第 ${step} 步发散（学习率须低于 ${stable} 才稳定）。`,
    trained: (name, start, end, stable) => `${name}：损失 ${start} → ${end}（学习率须低于 ${stable} 才稳定）。`,
    summary: (rate, steps, raw, standardized, best) => `学习率 ${rate}，${steps} 步。${raw}${standardized}两者最低可能的损失：${best}。`,
  },
  invariance: {
    controls: '尺度不变性控件',
    scale: '权重缩放 s',
    scaleSlider: '权重缩放 s（对数滑块）',
    scaleValue: (scale) => `s = ${scale}`,
    norm: '归一化',
    layerNorm: 'LayerNorm（按样本）',
    batchNorm: 'BatchNorm（按特征）',
    newWeights: '新的权重',
    hint: (norm, samples, inputs, features, rate) =>
      `一个无偏置的线性层 z = (s·W) x 把 ${inputs} 个输入映射为 ${features} 个特征，批中有 ${samples} 个样本；${norm === 'layer_norm' ? 'LayerNorm' : 'BatchNorm（训练模式）'}（eps = 0）把 z 归一化为 y。损失为 L = Σ g·y，上游梯度 g 固定不变。移动 s，与 s = 1 对比；“一步”指学习率 η = ${rate} 的一步 SGD。`,
    outputCaption: (norm, scale) => `s = ${scale} 时的输出 y = ${norm === 'layer_norm' ? 'LayerNorm' : 'BatchNorm'}(z)`,
    sampleName: (row) => `样本 ${row + 1}`,
    featureName: (column) => `特征 ${column + 1}`,
    measuresCaption: '缩放改变了什么（由引擎计算）',
    quantity: '量',
    atOne: 's = 1 时',
    atScale: (scale) => `s = ${scale} 时`,
    ratio: '比值',
    weightNorm: '权重范数 ‖s·W‖',
    gradientNorm: '梯度范数 ‖∂L/∂W‖',
    effectiveStep: '有效步长 η‖∂L/∂W‖ / ‖W‖',
    outputChange: '一步之后 y 的最大变化',
    gradientCheck: (norm, sum, dot, difference, largest) =>
      `反向传播的检验：在每个${norm === 'layer_norm' ? '样本' : '特征'}上，引擎算出的 ∂L/∂z 之和至多为 ${sum}，它与 x̂ 的点积至多为 ${dot}（两者在舍入误差内都是 0）；它与前向计算的中心差分最多相差 ${difference}，而它最大的分量是 ${largest}。`,
    summary: (scale, difference, gradientRatio, stepRatio) =>
      `s = ${scale} 时，输出与 s = 1 时最多相差 ${difference}（舍入误差）：归一化把缩放又除掉了。梯度是 s = 1 时的 ${gradientRatio} 倍（即 1/s），有效步长是 ${stepRatio} 倍（1/s²）。`,
  },
  axes: {
    layout: (blocks, rows, columns) => [blocks && `每个 ${blocks} 一个方块`, rows && `行：${rows}`, `列：${columns}`].filter(Boolean).join('；'),
    summary: (pooled, pools, cellsPerPool) =>
      pooled.length === 0
        ? `没有汇总任何轴：每个格子自成一组（共 ${pools} 组）。`
        : `在 ${pooled.join('、')} 上汇总：共 ${pools} 组，每组 ${cellsPerPool} 个格子；每组一种颜色。`,
  },
  invalidJson: (config) => `这个实验的设置不是有效的 JSON：${config}`,
  couldNotStart: (message) => `这个实验无法启动：${message}`,
};

/** The strings for a BCP 47 language tag; Chinese for any `zh…`, English otherwise. */
export function labStrings(language: string = globalThis.document?.documentElement.lang ?? 'en'): LabStrings {
  return language.toLowerCase().startsWith('zh') ? zhCn : en;
}
