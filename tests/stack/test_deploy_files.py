"""The files in deploy/ are valid for the programs that read them: systemd units pass
`systemd-analyze verify`, the nginx site passes `nginx -t`. Paths under /srv/gronnpraksis are pointed
at this checkout (and the certificate at a throwaway one) so the checks can find what they refer to."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


OPENSSL_SELF_SIGNED = [
    "openssl",
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
]


def _localised(text: str, **extra: str) -> str:
    text = text.replace("/srv/gronnpraksis", str(REPO))
    for old, new in extra.items():
        text = text.replace(old, new)
    return text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    units = sorted((DEPLOY / "systemd").iterdir())
    assert {unit.name for unit in units} >= {"gronnpraksis-web.service", "gronnpraksis-worker.service"}
    for unit in units:
        (tmp_path / unit.name).write_text(_localised(unit.read_text()))
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / unit.name) for unit in units)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # Warnings about this container's own systemd setup are not about our units.
    problems = [line for line in result.stderr.splitlines() if "gronnpraksis" in line]
    assert result.returncode == 0 and not problems, result.stderr


def test_the_web_unit_runs_at_least_two_app_processes():
    text = (DEPLOY / "systemd" / "gronnpraksis-web.service").read_text()
    workers = int(text.split("--workers", 1)[1].split()[0])
    assert workers >= 2


@pytest.mark.skipif(NGINX is None or shutil.which("openssl") is None, reason="nginx or openssl missing")
def test_nginx_site_passes_nginx_t(tmp_path):
    assert NGINX is not None  # the skipif above
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [*OPENSSL_SELF_SIGNED, "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    for name in ("gronnpraksis-locations.conf", "gronnpraksis-proxy.conf", "gronnpraksis-page-cache.conf"):
        (tmp_path / name).write_text(
            _localised((DEPLOY / "nginx" / name).read_text(), **{f"{REPO}/deploy/nginx": str(tmp_path)})
        )
    site = _localised(
        (DEPLOY / "nginx" / "gronnpraksis.conf").read_text(),
        **{
            "/etc/letsencrypt/live/gronnpraksis.example.no/fullchain.pem": str(cert),
            "/etc/letsencrypt/live/gronnpraksis.example.no/privkey.pem": str(key),
            "/var/log/nginx/": f"{tmp_path}/",
            "/var/cache/nginx/gronnpraksis": f"{tmp_path}/page-cache",
            f"{REPO}/deploy/nginx": str(tmp_path),
            "ssl_stapling on;": "",  # needs a certificate with an OCSP address
            "ssl_stapling_verify on;": "",
        },
    )
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
