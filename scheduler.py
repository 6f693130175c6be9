"""Run gongkai's scheduled jobs (crawls, newspaper, drop folder, feed polling, sync, nightly maintenance).

    python scheduler.py [--data-dir DIR]        # the same as `gongkai [--data-dir DIR] schedule run`

A thin script: it runs that command, which opens the engine as every command does (top-level modules are not
installed). The imports sit under the guard: the parsers' fork server re-imports this script.
"""

if __name__ == "__main__":
    import argparse
    from pathlib import Path

    from gongkai.cli.main import app

    parser = argparse.ArgumentParser(prog="scheduler.py", description="Run gongkai's scheduled jobs until SIGTERM/SIGINT.")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: settings / GONGKAI_DATA_DIR)")
    args = parser.parse_args()
    app([*(["--data-dir", str(args.data_dir)] if args.data_dir else []), "schedule", "run"], prog_name="scheduler.py")
