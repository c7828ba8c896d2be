import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeModelCode, explorerPresetFor, IncrementalAnalysis, type Layer, layerAt, lessonFor, parseModelCode, type TextEdit } from '../../../src/core/analyzer';

const kinds = (text: string): string[] => analyzeModelCode(text).layers.map((layer) => `${layer.callee}→${layer.kind}`);
const only = (text: string): Layer => {
  const { layers } = analyzeModelCode(text);
  expect(layers).toHaveLength(1);
  return layers[0];
};
const argument = (layer: Layer, name: string) => layer.arguments.find((arg) => arg.name === name);
const apply = (text: string, edits: readonly TextEdit[]): string =>
  [...edits].sort((a, b) => b.range.from - a.range.from).reduce((out, edit) => out.slice(0, edit.range.from) + edit.newText + out.slice(edit.range.to), text);

describe('imports', () => {
  it('recognizes every usual way of importing the torch modules and functionals', () => {
    const text = [
      'import torch',
      'import torch.nn as nn',
      'from torch import nn as tnn',
      'from torch.nn import LayerNorm, functional as F',
      'import torch.nn.functional as G',
      'from torch.nn import GroupNorm as GN',
      'a = torch.nn.LayerNorm(4)',
      'b = nn.BatchNorm2d(4)',
      'c = tnn.InstanceNorm1d(4)',
      'd = LayerNorm(4)',
      'e = F.layer_norm(x, (4,))',
      'f = G.group_norm(x, 2)',
      'g = GN(2, 4)',
      'Norm = nn.RMSNorm',
      'h = Norm(4)',
      'i = torch.nn.functional.softmax(x, dim=-1)',
    ].join('\n');
    expect(kinds(text)).toEqual([
      'torch.nn.LayerNorm→LayerNorm',
      'nn.BatchNorm2d→BatchNorm2d',
      'tnn.InstanceNorm1d→InstanceNorm1d',
      'LayerNorm→LayerNorm',
      'F.layer_norm→layer_norm',
      'G.group_norm→group_norm',
      'GN→GroupNorm',
      'Norm→RMSNorm',
      'torch.nn.functional.softmax→softmax',
    ]);
  });

  it('recognizes Keras through keras, tensorflow.keras and tf.keras', () => {
    const text = [
      'import tensorflow as tf',
      'import keras',
      'from keras import layers',
      'from tensorflow.keras.layers import GroupNormalization',
      'a = tf.keras.layers.BatchNormalization()',
      'b = keras.layers.LayerNormalization()',
      'c = layers.UnitNormalization()',
      'd = GroupNormalization(groups=4)',
    ].join('\n');
    expect(kinds(text)).toEqual([
      'tf.keras.layers.BatchNormalization→BatchNormalization',
      'keras.layers.LayerNormalization→LayerNormalization',
      'layers.UnitNormalization→UnitNormalization',
      'GroupNormalization→GroupNormalization',
    ]);
  });

  it('ignores look-alikes that are not torch or keras (a local module named nn, an unimported name)', () => {
    expect(kinds('import mylib.nn as nn\nx = nn.BatchNorm2d(4)\ny = LayerNorm(3)')).toEqual([]);
  });

  it('a name both imported and reassigned (a try/except fallback) is not trusted', () => {
    const text = 'try:\n    from torch.nn import RMSNorm\nexcept ImportError:\n    RMSNorm = MyRMSNorm\nn = RMSNorm(8)';
    expect(kinds(text)).toEqual([]);
  });
});

describe('arguments and sizes', () => {
  it('shows every argument with PyTorch defaults and says where each value came from', () => {
    const layer = only('import torch.nn as nn\nC = 64\nbn = nn.BatchNorm2d(C, momentum=0.01, affine=False)');
    expect(layer.arguments.map((arg) => [arg.name, arg.value, arg.source, arg.isDefault])).toEqual([
      ['num_features', 64, 'constant', false],
      ['eps', 1e-5, 'frameworkDefault', true],
      ['momentum', 0.01, 'literal', false],
      ['affine', false, 'literal', false],
      ['track_running_stats', true, 'frameworkDefault', true],
    ]);
    expect(layer.learnable).toEqual([]);
    expect(layer.tracked).toEqual({ shape: [{ value: 64, text: 'C' }], momentum: expect.objectContaining({ value: 0.01 }), convention: 'torch' });
  });

  it('evaluates arithmetic on known sizes and keeps unknown ones symbolic', () => {
    const text = 'import torch.nn as nn\nD = 64\nclass M(nn.Module):\n    def __init__(self, config, heads=4):\n        self.a = nn.LayerNorm(D * heads)\n        self.b = nn.LayerNorm(config.n_embd // heads)';
    const [a, b] = analyzeModelCode(text).layers;
    expect(argument(a, 'normalized_shape')).toMatchObject({ value: 256, source: 'parameterDefault' });
    expect(argument(b, 'normalized_shape')).toMatchObject({ source: 'symbolic', text: 'config.n_embd // heads' });
    expect(argument(b, 'normalized_shape')?.value).toBeUndefined();
    expect(b.pooling?.sizes.D).toEqual({ text: 'config.n_embd // heads' });
  });

  it('resolves a dataclass field default through an annotated config parameter', () => {
    const text = [
      'from dataclasses import dataclass',
      'from torch import nn',
      '@dataclass',
      'class Config:',
      '    n_embd: int = 512',
      'class M(nn.Module):',
      '    def __init__(self, config: Config):',
      '        self.ln = nn.LayerNorm(config.n_embd, bias=False)',
    ].join('\n');
    const layer = only(text);
    expect(argument(layer, 'normalized_shape')).toMatchObject({ value: 512, source: 'classAttribute', via: 'config.n_embd' });
    expect(layer.learnable).toEqual([{ name: 'weight', symbol: 'γ', shape: [{ value: 512, text: 'config.n_embd' }], count: 512 }]);
  });

  it('RMSNorm(eps=None) notes that PyTorch uses torch.finfo(dtype).eps', () => {
    const layer = only('import torch.nn as nn\nn = nn.RMSNorm(1024)');
    expect(argument(layer, 'eps')).toMatchObject({ value: null, isDefault: true });
    expect(layer.notes).toContain('epsFromDtype');
    expect(layer.notes).toContain('rmsNoCentring');
    expect(layer.learnable.map((p) => p.name)).toEqual(['weight']);
  });

  it('Keras BatchNormalization says its momentum is the opposite convention of PyTorch', () => {
    const layer = only('from keras import layers\nb = layers.BatchNormalization()');
    expect(argument(layer, 'momentum')).toMatchObject({ value: 0.99, isDefault: true });
    expect(layer.tracked?.convention).toBe('keras');
    expect(layer.notes).toContain('kerasMomentumConvention');
    expect(layer.pooling).toMatchObject({ kind: 'channels', layout: ['N', 'H', 'W', 'C'], per: ['C'], over: ['N', 'H', 'W'] });
  });

  it('GroupNorm(32, 256) pools 8 channels × (H, W) per group, 32 groups', () => {
    const layer = only('import torch.nn as nn\ng = nn.GroupNorm(32, 256)');
    expect(layer.pooling).toEqual({
      kind: 'groups',
      layout: ['N', 'C', 'H', 'W'],
      per: ['N', 'G'],
      over: ['C/G', 'H', 'W'],
      sizes: { C: { value: 256, text: '256' }, G: { value: 32, text: '32' } },
      groups: { value: 32, text: '32' },
      channelsPerGroup: { value: 8, text: '256/32' },
    });
    expect(layer.learnable.map((p) => p.count)).toEqual([256, 256]);
  });

  it('F.batch_norm without training=True uses the running statistics', () => {
    const [evalMode, trainMode] = analyzeModelCode('import torch.nn.functional as F\na = F.batch_norm(x, m, v)\nb = F.batch_norm(x, m, v, training=True)').layers;
    expect(evalMode.pooling?.kind).toBe('runningStatistics');
    expect(trainMode.pooling?.kind).toBe('channels');
  });

  it('F.normalize with p other than 2 is not the engine op l2_normalize', () => {
    const [l2, l1] = analyzeModelCode('import torch.nn.functional as F\na = F.normalize(x, dim=-1)\nb = F.normalize(x, p=1)').layers;
    expect(l2.op).toBe('l2_normalize');
    expect(l1.op).toBeUndefined();
    expect(l1.notes).toContain('notL2');
  });
});

describe('custom norm classes', () => {
  it('a class whose forward calls F.rms_norm is analysed at its construction with the arguments bound', () => {
    const text = [
      'import torch, torch.nn as nn, torch.nn.functional as F',
      'class RMSNorm(nn.Module):',
      '    def __init__(self, dim, eps=1e-6):',
      '        super().__init__()',
      '        self.eps = eps',
      '        self.scale = nn.Parameter(torch.ones(dim))',
      '    def forward(self, x):',
      '        return F.rms_norm(x, (x.shape[-1],), self.scale, self.eps)',
      'norm = RMSNorm(4096)',
    ].join('\n');
    const custom = analyzeModelCode(text).layers.find((layer) => layer.form === 'custom');
    expect(custom).toMatchObject({ kind: 'RMSNorm', op: 'rms_norm' });
    expect(custom?.arguments.map((arg) => [arg.name, arg.value, arg.isDefault])).toEqual([
      ['dim', 4096, false],
      ['eps', 1e-6, true],
    ]);
    expect(argument(custom?.inner as Layer, 'eps')).toMatchObject({ value: 1e-6 });
    expect(custom?.learnable).toEqual([{ name: 'weight', symbol: 'γ', shape: [{ text: 'x.shape[-1]' }] }]);
  });

  it('a class without a functional norm is not a layer', () => {
    expect(kinds('import torch.nn as nn\nclass Block(nn.Module):\n    def forward(self, x):\n        return x\nb = Block()')).toEqual([]);
  });
});

describe('problems and quick fixes', () => {
  it('the feature-mismatch fix makes the problem go away, and nothing else changes', () => {
    const text = 'import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(3, 96, 5), nn.ReLU(), nn.Dropout2d(0.1), nn.BatchNorm2d(48))\n';
    const [problem] = analyzeModelCode(text).problems;
    expect(problem).toMatchObject({ code: 'featureMismatch', severity: 'error', args: ['BatchNorm2d(48)', '48', 'Conv2d', '96', 'out_channels', 'num_features', '96', 'channels'] });
    const fixed = apply(text, problem.fix?.edits ?? []);
    expect(fixed).toBe(text.replace('BatchNorm2d(48)', 'BatchNorm2d(96)'));
    expect(analyzeModelCode(fixed).problems).toEqual([]);
  });

  it('GroupNorm num_channels against a Linear, and a keyword out_channels, are checked', () => {
    const text = 'from torch import nn\nm = nn.ModuleList([nn.Conv2d(3, out_channels=64, kernel_size=3), nn.GroupNorm(8, num_channels=32)])';
    const [problem] = analyzeModelCode(text).problems;
    expect(problem.code).toBe('featureMismatch');
    expect(apply(text, problem.fix?.edits ?? [])).toContain('num_channels=64');
  });

  it('a parameter default or a config field is never proof', () => {
    const text = 'import torch.nn as nn\ndef block(c=96, n=48):\n    return nn.Sequential(nn.Conv2d(3, c, 3), nn.BatchNorm2d(n), nn.GroupNorm(32, n))';
    expect(analyzeModelCode(text).problems).toEqual([]);
  });

  it('Keras GroupNormalization after a Conv2D whose filters it does not divide', () => {
    const text = 'from tensorflow import keras\nfrom keras import layers\nm = keras.Sequential([layers.Conv2D(48, 3), layers.GroupNormalization()])';
    const [problem] = analyzeModelCode(text).problems;
    expect(problem).toMatchObject({ code: 'groupNormIndivisible', args: ['GroupNormalization(groups=32) after Conv2D(48)', '32', '48', '24, 16, 12'] });
    expect(problem.fix).toBeUndefined();
  });

  it('BatchNorm on one sample: flagged only when the module is provably still in training mode', () => {
    const flagged = 'import torch\nimport torch.nn as nn\nbn = nn.BatchNorm1d(8)\nx = torch.zeros(1, 8)\ny = bn(x)';
    expect(analyzeModelCode(flagged).problems.map((p) => p.code)).toEqual(['batchNormSingleSample']);
    const handedOff = 'import torch\nimport torch.nn as nn\nbn = nn.BatchNorm1d(8)\nmodel = Wrapper(bn)\ny = bn(torch.zeros(1, 8))';
    expect(analyzeModelCode(handedOff).problems).toEqual([]);
    const functional = 'import torch\nimport torch.nn.functional as F\ny = F.batch_norm(torch.randn(1, 3), m, v, training=True)';
    expect(analyzeModelCode(functional).problems.map((p) => p.code)).toEqual(['batchNormSingleSample']);
  });
});

describe('hover lookup, links and presets', () => {
  it('layerAt finds the innermost layer around an offset', () => {
    const text = 'import torch.nn as nn\nm = nn.Sequential(nn.Linear(4, 8), nn.LayerNorm(8))';
    const analysis = analyzeModelCode(text);
    expect(layerAt(analysis, text.indexOf('LayerNorm') + 2)?.kind).toBe('LayerNorm');
    expect(layerAt(analysis, text.indexOf('Linear'))).toBeUndefined();
  });

  it('presets keep the layer grouping within the explorer limits', () => {
    const [gn, ln, bn] = analyzeModelCode('import torch.nn as nn\na = nn.GroupNorm(32, 256)\nb = nn.LayerNorm(768)\nc = nn.BatchNorm2d(3)').layers;
    expect(explorerPresetFor(gn)).toEqual({ op: 'group_norm', shape: [2, 16, 4], groups: 2 });
    expect(explorerPresetFor(ln)).toEqual({ op: 'layer_norm', shape: [4, 1, 12], groups: 1 });
    expect(explorerPresetFor(bn)).toEqual({ op: 'batch_norm', shape: [2, 3, 4], groups: 1 });
    expect(lessonFor(gn)).toEqual({ lessonId: 'norm-family', quizId: 'family-axes-gn' });
  });
});

describe('robustness', () => {
  it('a half-typed file still gets the layers that parse', () => {
    const text = 'import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        self.a = nn.LayerNorm(64, eps=\n        self.b = nn.GroupNorm(4, 8\n        self.c = nn.BatchNorm2d(16)\n    def forward(self, x:\n';
    const found = analyzeModelCode(text).layers.map((layer) => layer.kind);
    expect(found).toContain('BatchNorm2d');
    expect(found).toContain('LayerNorm');
  });

  it('re-parsing incrementally after an edit gives the same analysis as parsing from scratch', () => {
    const before = 'import torch.nn as nn\nC = 32\nm = nn.Sequential(nn.Conv2d(3, C, 3), nn.BatchNorm2d(C))\n';
    const after = before.replace('nn.BatchNorm2d(C)', 'nn.BatchNorm2d(16)');
    const at = before.indexOf('C))');
    const tree = parseModelCode(after, { tree: parseModelCode(before), changes: [{ fromA: at, toA: at + 1, fromB: at, toB: at + 2 }] });
    expect(analyzeModelCode(after, tree)).toEqual(analyzeModelCode(after));
    expect(analyzeModelCode(after).problems.map((p) => p.code)).toEqual(['featureMismatch']);
  });

  const model = [
    'import torch, torch.nn as nn, torch.nn.functional as F',
    'from functools import partial',
    'C = 64',
    'class LN(nn.Module):',
    '    def __init__(self, d, bias=True):',
    '        self.w = nn.Parameter(torch.ones(d)) if bias else None',
    '    def forward(self, x):',
    '        return F.layer_norm(x, self.w.shape, self.w, None, 1e-5)',
    'class Net(nn.Module):',
    '    def __init__(self, dim=C, norm=partial(nn.LayerNorm, eps=1e-6)):',
    '        self.s = nn.Sequential(nn.Conv2d(3, dim, 3), nn.ReLU(), nn.BatchNorm2d(dim), nn.GroupNorm(8, dim))',
    '        self.l = nn.ModuleList([nn.Linear(dim, 2 * dim), LN(2 * dim), norm(dim)])',
    '        bn = nn.BatchNorm1d(4)',
    '        y = bn(torch.randn(1, 4))',
  ].join('\n');

  it('random deletions and insertions never make the analyzer throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', '(', ')', ',', '=', ':', '\n', '    ', 'nn.', 'LayerNorm(', '"', '#', '[', '1', 'if ', '\\')), { maxLength: 8 }),
        (edits) => {
          let text = model;
          for (const [at, length, insert] of edits) {
            const from = at % (text.length + 1);
            text = text.slice(0, from) + insert + text.slice(from + length);
          }
          const analysis = analyzeModelCode(text);
          for (const layer of analysis.layers) {
            expect(layer.range.from).toBeGreaterThanOrEqual(0);
            expect(layer.range.to).toBeLessThanOrEqual(text.length);
          }
          for (const problem of analysis.problems) for (const edit of problem.fix?.edits ?? []) expect(edit.range.to).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 150 },
    );
    // A guard against a hang on a busy machine, not a speed target (that lives in npm run bench).
  }, 120_000);

  it('an incremental analysis after random (half-typed) edits equals a fresh analysis, its reparsed tree and statement reuse included', () => {
    const other = ['import torch.nn as nn\n', 'WIDTH = 8\n', 'class Config:\n    n_embd: int = 64\n', '\nclass Norm(nn.Module):\n    def forward(self, x):\n        return F.layer_norm(x, (4,))\n'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', '(', ')', ',', '=', ':', '\n', '    ', 'nn.', 'LayerNorm(', '"', '#', '1', 'x', ...other)), { minLength: 1, maxLength: 6 }),
        (edits) => {
          // Long enough for lezer to reuse fragments at all (it does from 4 × 1,024 characters on).
          let text = Array.from({ length: 8 }, (_, index) => model.replace(/class (LN|Net)\b/g, `class $1${index}`)).join('\n');
          const session = new IncrementalAnalysis();
          session.analyze(text);
          for (const [at, length, insert] of edits) {
            const from = at % (text.length + 1);
            const to = Math.min(text.length, from + length);
            session.applyChanges([{ fromA: from, toA: to, fromB: from, toB: from + insert.length }]);
            text = text.slice(0, from) + insert + text.slice(to);
            const incremental = session.analyze(text);
            // As a fresh analysis: the reparsed tree and the statements kept from before included.
            expect(incremental).toEqual(analyzeModelCode(text));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('a reparse of a file that does not end in a line break keeps its classes at the top level', () => {
    // @lezer/python nested 96 of these 100 classes into the others when it reused its own tree.
    const text = ['import torch.nn as nn', ...Array.from({ length: 100 }, (_, index) => `class A${index}(nn.Module):\n    def f(self):\n        self.n = nn.LayerNorm(${index + 1})`)].join('\n');
    const session = new IncrementalAnalysis();
    session.analyze(text);
    const at = text.indexOf('LayerNorm(50)') + 'LayerNorm(5'.length;
    session.applyChanges([{ fromA: at, toA: at + 1, fromB: at, toB: at + 1 }]);
    const edited = `${text.slice(0, at)}1${text.slice(at + 1)}`;
    const analysis = session.analyze(edited);
    expect(session.tree?.topNode.getChildren('ClassDefinition')).toHaveLength(100);
    expect(analysis.layers.map((layer) => layer.arguments[0]?.value)).toEqual(Array.from({ length: 100 }, (_, index) => (index === 49 ? 51 : index + 1)));
  });

  it('a stepwise analysis yields between parser steps and statements, and ends as the analysis at once does', () => {
    const long = Array.from({ length: 12 }, (_, index) => model.replace(/class (LN|Net)\b/g, `class $1${index}`)).join('\n');
    const steps = new IncrementalAnalysis().analyzeSteps(long);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    expect(parseModelCode(long).topNode.getChildren('ClassDefinition')).toHaveLength(24);
    // At least one pause per top-level statement, and more inside the parse.
    expect(yields).toBeGreaterThan(24 + 3);
    expect(step.value).toEqual(analyzeModelCode(long));
  });

  it('an edit made while a stepwise parse is under way, finished or abandoned, is folded into the next analysis', () => {
    // Long enough for lezer to reuse fragments at all (it does from 4 × 1,024 characters on).
    const long = Array.from({ length: 12 }, (_, index) => model.replace(/class (LN|Net)\b/g, `class $1${index}`)).join('\n');
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat({ max: 8 }),
        fc.constantFrom('', '(', ')', '\n', '    ', 'nn.LayerNorm(3)', '#', 'x = 1\n'),
        fc.integer({ min: 1, max: 24 }),
        fc.boolean(),
        (at, length, insert, stepsBefore, abandon) => {
          // A first analysis, so its parse takes many steps (a second one of the same text would reuse the whole tree at once).
          const session = new IncrementalAnalysis();
          const steps = session.analyzeSteps(long);
          for (let k = 0; k < stepsBefore && !steps.next().done; k++);
          const from = at % (long.length + 1);
          const to = Math.min(long.length, from + length);
          const edited = long.slice(0, from) + insert + long.slice(to);
          session.applyChanges([{ fromA: from, toA: to, fromB: from, toB: from + insert.length }]);
          if (abandon) steps.return(undefined as never);
          else while (!steps.next().done);
          const analysis = session.analyze(edited);
          expect(session.tree?.toString()).toBe(parseModelCode(edited).toString());
          expect(analysis).toEqual(analyzeModelCode(edited));
        },
      ),
      { numRuns: 80 },
    );
  }, 120_000);

  it('arbitrary text never makes it throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(Array.isArray(analyzeModelCode(text).layers)).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
