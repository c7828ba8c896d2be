/**
 * A generated PyTorch model file of about `lines` lines, in the style of a real one: imports, a
 * config dataclass, blocks with Conv/BatchNorm/GroupNorm/LayerNorm in Sequential stacks and
 * attributes, and forward methods with functional calls.
 */
export function generateModelFile(lines: number): string {
  const out: string[] = [
    'import math',
    'from dataclasses import dataclass',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'WIDTH = 64',
    '',
    '@dataclass',
    'class Config:',
    '    n_embd: int = 768',
    '    n_head: int = 12',
    '    dropout: float = 0.1',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    const channels = 32 * (1 + (i % 4));
    out.push(
      `class Block${i}(nn.Module):`,
      `    """Residual block number ${i}: conv, norm, activation, twice."""`,
      `    def __init__(self, in_channels=${channels}, config: Config = None, groups=32):`,
      '        super().__init__()',
      `        self.conv1 = nn.Conv2d(in_channels, ${channels}, kernel_size=3, padding=1, bias=False)`,
      `        self.bn1 = nn.BatchNorm2d(${channels}, eps=1e-5, momentum=0.1)`,
      `        self.body = nn.Sequential(`,
      `            nn.Conv2d(${channels}, ${channels * 2}, 3, padding=1),`,
      '            nn.ReLU(inplace=True),',
      `            nn.GroupNorm(groups, ${channels * 2}),`,
      '            nn.Dropout(0.1),',
      `            nn.Conv2d(${channels * 2}, ${channels}, 1),`,
      `            nn.BatchNorm2d(${channels}),`,
      '        )',
      '        self.ln = nn.LayerNorm(config.n_embd)',
      '        self.proj = nn.Linear(WIDTH, WIDTH * 4)',
      '',
      '    def forward(self, x):',
      '        h = F.relu(self.bn1(self.conv1(x)))',
      '        h = self.body(h) + x',
      '        t = h.flatten(2).transpose(1, 2)',
      '        t = self.ln(t)',
      '        w = F.softmax(t @ t.transpose(-2, -1) / math.sqrt(t.size(-1)), dim=-1)',
      '        return F.layer_norm(w @ t, (t.size(-1),), eps=1e-6)',
      '',
    );
  }
  return out.join('\n');
}
