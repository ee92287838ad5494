"""Engines that run a batch audit: the local process pool (`auditor.engines.parallel`) and a Dask
cluster (`auditor.engines.dask_engine`, with `pip install "auditor[dask]"`)."""
