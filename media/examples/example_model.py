"""A small image classifier for the Normalization Lab tour.

Hover the normalization layers (BatchNorm2d, GroupNorm, LayerNorm) to see what each one pools.
One of them is built wrong: the editor underlines it and offers a quick fix.
"""

import torch
from torch import nn


class SmallNet(nn.Module):
    """Two convolution blocks and an MLP head, for 3-channel images of any size."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            # Conv → BatchNorm → ReLU; the conv needs no bias, BatchNorm's β supplies the offset.
            nn.Conv2d(3, 32, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            # GroupNorm for small batches: it never looks at the other images.
            nn.Conv2d(32, 64, kernel_size=3, padding=1, bias=False),
            nn.GroupNorm(6, 64),
            nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64, 128),
            nn.LayerNorm(128),
            nn.GELU(),
            nn.Linear(128, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


if __name__ == "__main__":
    model = SmallNet()
    model.eval()  # BatchNorm uses its running statistics from here on
    with torch.no_grad():
        print(model(torch.randn(2, 3, 32, 32)).shape)
