"""Background work: jobs that people start and follow (a monitoring import, a large report),
plain tasks (e-mail) and the periodic work of the scheduler, on Django's task API (the
`django-tasks` backport of Django 6's `django.tasks`) with its database backend.

- `kinds.py`: the kinds of job, registered by the apps that do the work.
- `runner.py`: the one task that runs a job, with its retries and its failure message.
- `services.py` / `selectors.py`: start a job, report progress; read jobs and the workers.
- `worker.py`: `perinatal worker`, django-tasks-db's worker with a heartbeat.
- `scheduler.py`: `perinatal scheduler`, which enqueues the periodic work once, whatever the
  number of schedulers running.
- `email.py`: an e-mail backend that hands every message to a task.
"""
