"""`make prod-check` (scripts/prod_check.py runs `main`): run the production stack on loopback ports and prove it keeps its promises.

Started by `scripts/with-postgres.sh` (a throwaway PostgreSQL server, DB_* exported), this starts Redis
(CACHE_URL), an SMTP sink that counts messages, two gunicorn servers (each one process of 8 threads, as two
app machines would be), nginx with the production site's locations (deploy/nginx/) in front of both, and
two `manage.py worker` processes, all with production settings (DEBUG and TESTING off). Then it runs the
checks and prints one line per check with its figure; it exits 1 if any check fails.

  1 smoke      every public page reached from the home page, and every export, answers 200 through nginx
               with HSTS, CSP, X-Frame-Options and Referrer-Policy; hashed static files are cached a year
  2 burst      200 simultaneous registrations for 50 seats: 50 confirmed, 150 waitlisted, one mail each,
               each sent once although two workers compete for the outbox
  3 faults     kill -9 of an app process and a worker during 1,000 registrations for 500 seats: every
               answered registration exists, none twice (failed ones resubmitted with their idempotency
               key), no seat oversold, every mail sent (at most the one in flight at the kill twice)
  4 limits     a rate limit of N per minute holds across both app processes (allauth's failed logins)
  5 backup     pg_dump during a registration burst, restored into a fresh database, holds every
               registration confirmed before the dump began, and the restored site serves
  6 load       the programme and the example bank through nginx from 32 clients: rate, p95, errors;
               then the programme page against nginx serving the same bytes as a static file, both
               rates and their ratio (fails on errors, or below 50 % of the static file's rate)
  7 cache      nginx keeps the public pages of visitors without a session and revalidates them by
               ETag; an edit, a publication and a moderation decision show within PUBLIC_PAGE_MAX_AGE;
               a logged-in request bypasses the cache, and nothing that sets a cookie is kept

Everything listens on 127.0.0.1 only and is stopped (by its own process id) when the script ends.
"""
