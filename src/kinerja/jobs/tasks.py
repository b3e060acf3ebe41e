from celery import shared_task

from kinerja.jobs.services import job_run


@shared_task(name="kinerja.jobs.run_job")
def run_job(job_id: str) -> None:
    job_run(job_id=job_id)
