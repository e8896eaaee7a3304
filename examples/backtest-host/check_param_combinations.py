"""Counts the combinations of the VWAP breakout parameter grid (demo, same output as the system's)."""
from optimization.configs.vwap_breakout_optimization import PARAM_GRID


def calculate_combinations(grid):
    total = 1
    for name, values in grid.items():
        total *= len(values)
        print(f"{name}: {len(values)}通り - {values}")
    return total


if __name__ == "__main__":
    combinations = calculate_combinations(PARAM_GRID)
    print(f"\n総組み合わせ数: {combinations:,}")
    if combinations <= 10000:
        print("✓ 組み合わせ数は10,000以下です")
    else:
        print(f"! 組み合わせ数が10,000を超えています。削減してください ({combinations:,} > 10,000)")
