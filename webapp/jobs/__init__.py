"""Background work: what runs off the request, on RQ when Redis is there.

`runner.run(name, *args)` is the one function the queue calls; `registry`
names the jobs and the periodic ones with their intervals; `dispatch` hands a
job to RQ, or without Redis to a thread of this process.
"""
