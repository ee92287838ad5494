from .cli import main_entry

if __name__ == "__main__":  # not when a spawned worker process imports it (Dask, spawn)
    main_entry()
