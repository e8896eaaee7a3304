"""The run's result files, as the real DSSMS entry point writes them (names, columns and keys): klaxon's
golden-run canary reads performance_metrics.json and all_transactions.csv."""
import csv
import json
import math
import os

INITIAL_CAPITAL = 1_000_000
SHARES = 100
TRANSACTION_COLUMNS = [
    "symbol", "entry_date", "entry_price", "exit_date", "exit_price", "shares", "pnl", "return_pct",
    "holding_period_days", "strategy_name", "position_value", "is_forced_exit",
]


def trades_of(result, symbol, strategy_name, price_column="Adj Close"):
    """Pairs each entry with the next exit (an open position is closed on the last day, as forced)."""
    prices = [float(p) for p in result[price_column]]
    dates = [str(d) for d in result.index]
    entries, exits = list(result["Entry_Signal"]), list(result["Exit_Signal"])
    trades, entry = [], None
    for idx in range(len(prices)):
        if entry is None and entries[idx] == 1:
            entry = idx
        elif entry is not None and exits[idx] == -1:
            trades.append(_trade(symbol, strategy_name, dates, prices, entry, idx, False))
            entry = None
    if entry is not None:
        trades.append(_trade(symbol, strategy_name, dates, prices, entry, len(prices) - 1, True))
    return trades


def _trade(symbol, strategy_name, dates, prices, entry, exit_, forced):
    entry_price, exit_price = prices[entry], prices[exit_]
    return {
        "symbol": symbol, "entry_date": dates[entry], "entry_price": round(entry_price, 2),
        "exit_date": dates[exit_], "exit_price": round(exit_price, 2), "shares": SHARES,
        "pnl": round((exit_price - entry_price) * SHARES, 2), "return_pct": round(exit_price / entry_price - 1, 6),
        "holding_period_days": exit_ - entry, "strategy_name": strategy_name,
        "position_value": round(entry_price * SHARES, 2), "is_forced_exit": forced,
    }


def metrics_of(trades):
    equity = [INITIAL_CAPITAL]
    for trade in trades:
        equity.append(equity[-1] + trade["pnl"])
    peak, max_drawdown = equity[0], 0.0
    for value in equity:
        peak = max(peak, value)
        max_drawdown = max(max_drawdown, (peak - value) / peak)
    returns = [t["return_pct"] for t in trades]
    mean = sum(returns) / len(returns) if returns else 0.0
    spread = math.sqrt(sum((r - mean) ** 2 for r in returns) / (len(returns) - 1)) if len(returns) > 1 else 0.0
    wins = [t for t in trades if t["pnl"] > 0]
    losses = -sum(t["pnl"] for t in trades if t["pnl"] < 0)
    return {
        "total_return": round(equity[-1] / INITIAL_CAPITAL - 1, 8),
        "annualized_return": 0.0,
        # No spread, no ratio: Python writes NaN, as the real system does.
        "sharpe_ratio": round(mean / spread * math.sqrt(len(returns)), 6) if spread > 0 else float("nan"),
        "max_drawdown": round(max_drawdown, 8),
        "volatility": round(spread, 8),
        "win_rate": round(len(wins) / len(trades), 6) if trades else 0.0,
        "profit_factor": round(sum(t["pnl"] for t in wins) / losses, 6) if losses > 0 else 0.0,
    }


def write_outputs(run_dir, trades):
    with open(os.path.join(run_dir, "performance_metrics.json"), "w", encoding="utf-8") as handle:
        json.dump(metrics_of(trades), handle, ensure_ascii=False, indent=2)
    with open(os.path.join(run_dir, "execution_results.json"), "w", encoding="utf-8") as handle:
        json.dump({"total_trades": len(trades), "successful_trades": len(trades), "failed_trades": 0, "execution_rate": 1.0}, handle, indent=2)
    with open(os.path.join(run_dir, "all_transactions.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=TRANSACTION_COLUMNS)
        writer.writeheader()
        writer.writerows(trades)
