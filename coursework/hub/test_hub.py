"""A class on a real JupyterHub (`make test-hub`): two students, an nbgitpuller link, a lecturer's update.

On free loopback ports: a JupyterHub (DummyAuthenticator with one shared password, the
SimpleLocalProcessSpawner giving each student a home directory under a temporary folder,
configurable-http-proxy from coursework/hub/node_modules), and `git daemon` serving a real git
repository of the student notebooks (`make student`'s output, committed). Each student logs in with
the login form, opens the nbgitpuller link ``/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``,
and the pull runs as the link's page runs it (its event stream, ``/user/<name>/git-pull/api``). The
student then runs 01_sigmoid top to bottom in a kernel of their own server (Jupyter's kernel
websocket), answers exercise 2 and saves the notebook. The test checks that each sees their own copy
and cannot reach the other's server, and that after the lecturer commits changes a second pull
brings them in and keeps the student's answer (nbgitpuller merges with local changes winning).
Everything started here is stopped in the fixtures' ``finally``, whatever fails.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import nbformat
import pytest

requests = pytest.importorskip("requests")
pytest.importorskip("jupyterhub")
pytest.importorskip("nbgitpuller")
websocket = pytest.importorskip("websocket")

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROXY = Path(__file__).resolve().parent / "node_modules" / ".bin" / "configurable-http-proxy"
sys.path.insert(0, str(ROOT / "scripts"))
from make_student import write_student_copies  # noqa: E402

STUDENTS = ("alice", "bob")
PASSWORD = secrets.token_hex(8)
ADMIN_TOKEN = secrets.token_hex(16)
REPO = "actlib-student"
NOTEBOOK = "01_sigmoid.ipynb"
ANSWER = "answer = '2*exp(-2*z)/(1 + exp(-2*z))**2'   # my answer"
LECTURER_NOTE = "Lecturer's note: exercise 5 is optional this week."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (requests.ConnectionError, OSError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{what} not ready after {seconds} s")


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def git(repo: Path, *arguments):
    subprocess.run(["git", "-c", "user.name=Lecturer", "-c", "user.email=lecturer@example.org", *arguments],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def served_repo(tmp_path_factory):
    """The student notebooks in a git repository, served by `git daemon` on a free loopback port."""
    base = tmp_path_factory.mktemp("repos")
    repo = base / REPO
    write_student_copies(ROOT / "notebooks", repo)
    (repo / ".built-by-actlib-make-student").unlink()
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "Student notebooks")
    port = free_port()
    daemon = subprocess.Popen(["git", "daemon", "--reuseaddr", "--export-all", f"--base-path={base}",
                               "--listen=127.0.0.1", f"--port={port}", str(base)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"git://127.0.0.1:{port}/{REPO}"
        wait_for(lambda: subprocess.run(["git", "ls-remote", url], capture_output=True).returncode == 0, 20,
                 "git daemon")
        yield repo, url
    finally:
        stop(daemon)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not PROXY.exists():
        pytest.fail(f"{PROXY} is missing: `make test-hub` installs it (npm ci in coursework/hub)")
    folder = tmp_path_factory.mktemp("hub")
    port, hub_port, proxy_api = free_port(), free_port(), free_port()
    homes = folder / "home"
    config = folder / "jupyterhub_config.py"
    config.write_text(f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = [{str(PROXY)!r}]
c.JupyterHub.db_url = "sqlite:///{folder / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = {str(folder / 'cookie_secret')!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allowed_users = {set(STUDENTS)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / '{username}')!r}
c.Spawner.cmd = [{str(BIN / 'jupyterhub-singleuser')!r}]
c.Spawner.args = ["--allow-root"]   # JupyterHub refuses root for single-user servers unless told
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Spawner.environment = {{"PATH": {f"{BIN}{os.pathsep}{os.environ['PATH']}"!r}}}
c.JupyterHub.services = [{{"name": "course-admin", "api_token": {ADMIN_TOKEN!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-admin", "services": ["course-admin"],
                             "scopes": ["admin:users", "admin:servers", "tokens"]}}]
""")
    log = open(folder / "jupyterhub.log", "w")
    process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    api = requests.Session()
    api.headers["Authorization"] = f"token {ADMIN_TOKEN}"
    try:
        wait_for(lambda: api.get(f"{base}/hub/api/").ok, 60, "JupyterHub")
        yield base, homes, api
    finally:
        for student in STUDENTS:   # stop the single-user servers through the hub, then the hub itself
            try:
                api.delete(f"{base}/hub/api/users/{student}/server", timeout=30)
            except requests.RequestException:
                pass
        stop(process)
        try:
            os.killpg(process.pid, 9)   # anything of the hub's session still running (the proxy)
        except ProcessLookupError:
            pass
        log.close()
        print((folder / "jupyterhub.log").read_text()[-3000:])


class Student:
    """One student in a browser-like session: cookies from the login form, then the user's own server."""

    def __init__(self, name, base, api):
        self.name, self.base = name, base
        self.session = requests.Session()
        self.session.get(f"{base}/hub/login")
        response = self.session.post(f"{base}/hub/login", data={
            "username": name, "password": PASSWORD, "_xsrf": self.session.cookies.get("_xsrf", path="/hub/")})
        assert response.ok and "/hub/login" not in response.url, response.text[:300]
        self.server = f"{base}/user/{name}"
        # the single-user server starts as the spawn page would start it
        api.post(f"{base}/hub/api/users/{name}/server")
        wait_for(lambda: api.get(f"{base}/hub/api/users/{name}").json()["servers"].get("", {}).get("ready"),
                 90, f"{name}'s server")
        token = api.post(f"{base}/hub/api/users/{name}/tokens", json={"note": "test-hub"}).json()["token"]
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"token {token}"
        self.token = token

    def open_link(self, repo_url, urlpath):
        """Open the nbgitpuller link, then run the pull as the link's page does (its event stream)."""
        query = urlencode({"repo": repo_url, "branch": "main", "urlpath": urlpath})
        page = self.session.get(f"{self.base}/hub/user-redirect/git-pull?{query}")
        assert page.ok and page.url.startswith(f"{self.server}/git-pull"), (page.status_code, page.url)
        events = self.session.get(f"{self.server}/git-pull/api", stream=True, timeout=120,
                                  params={"repo": repo_url, "branch": "main", "targetpath": REPO})
        phases = [json.loads(line[len("data:"):]) for line in events.iter_lines(decode_unicode=True)
                  if line and line.startswith("data:")]
        assert phases and phases[-1]["phase"] == "finished", phases[-3:]

    def notebook(self, path=f"{REPO}/{NOTEBOOK}"):
        response = self.api.get(f"{self.server}/api/contents/{path}")
        response.raise_for_status()
        return nbformat.from_dict(response.json()["content"])

    def save(self, notebook, path=f"{REPO}/{NOTEBOOK}"):
        self.api.put(f"{self.server}/api/contents/{path}",
                     json={"type": "notebook", "content": notebook}).raise_for_status()

    def run(self, cells, cwd=REPO):
        """Execute code cells in a new kernel of this student's server, started in ``cwd`` as JupyterLab
        starts a notebook's kernel; returns (errors, the text each cell showed)."""
        kernel = self.api.post(f"{self.server}/api/kernels", json={"name": "python3", "path": cwd}).json()
        url = self.server.replace("http", "ws", 1) + f"/api/kernels/{kernel['id']}/channels"
        channel = websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=120)
        errors, outputs = [], []
        try:
            for source in [cell.source for cell in cells]:
                msg_id = uuid.uuid4().hex
                channel.send(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                               "session": uuid.uuid4().hex, "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell",
                    "content": {"code": source, "silent": False, "store_history": True,
                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
                shown, done = [], False
                while not done:
                    frame = channel.recv()
                    if isinstance(frame, bytes):   # a message with binary buffers: the explorer's comm data
                        continue
                    message = json.loads(frame)
                    if message.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind = message["msg_type"]
                    if kind in ("execute_result", "display_data", "stream"):
                        shown.append(message["content"].get("text") or message["content"]["data"].get("text/plain", ""))
                    elif kind == "error":
                        errors.append((source[:60], message["content"]["ename"], message["content"]["evalue"]))
                    elif kind == "status" and message["content"]["execution_state"] == "idle":
                        done = True
                outputs.append("\n".join(shown))
        finally:
            channel.close()
            self.api.delete(f"{self.server}/api/kernels/{kernel['id']}")
        return errors, outputs


@pytest.fixture(scope="module")
def classroom(hub, served_repo):
    base, homes, api = hub
    repo, url = served_repo
    students = {name: Student(name, base, api) for name in STUDENTS}
    for student in students.values():
        student.open_link(url, f"lab/tree/{REPO}/{NOTEBOOK}")
    return students, homes, repo, url


def answer_cell_index(notebook, q="q2"):
    for index, cell in enumerate(notebook.cells[:-1]):
        if cell.metadata.get("nbgrader", {}).get("solution") and f"exercises.{q}.grade" in notebook.cells[index + 1].source:
            return index
    raise LookupError(q)


def test_each_student_pulls_runs_and_answers(classroom):
    students, homes, _, _ = classroom
    for name, student in students.items():
        assert (homes / name / REPO / NOTEBOOK).exists() and (homes / name / REPO / ".git").is_dir()
        notebook = student.notebook()
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        errors, outputs = student.run(code)            # "Run all" on the fresh copy: no error anywhere
        assert not errors, errors
        index = answer_cell_index(notebook)
        assert "Not answered yet" in outputs[code.index(notebook.cells[index + 1])]
    alice = students["alice"]
    notebook = alice.notebook()
    index = answer_cell_index(notebook)
    notebook.cells[index].source = ANSWER
    alice.save(notebook)
    setup = [cell for cell in notebook.cells[:index] if cell.cell_type == "code" and "import" in cell.source]
    errors, outputs = alice.run(setup + notebook.cells[index:index + 2])
    assert not errors and "Correct" in outputs[-1], (errors, outputs[-1])


def test_each_sees_only_their_own_copy(classroom):
    students, homes, _, _ = classroom
    alice, bob = students["alice"], students["bob"]
    assert ANSWER in json.dumps(alice.notebook().cells[answer_cell_index(alice.notebook())].source)
    assert ANSWER not in (homes / "bob" / REPO / NOTEBOOK).read_text()
    assert bob.api.get(f"{alice.server}/api/contents/{REPO}/{NOTEBOOK}").status_code in (403, 404)
    assert bob.session.get(f"{alice.server}/api/contents/{REPO}/{NOTEBOOK}").status_code in (403, 404)


def test_second_pull_merges_the_lecturers_change_and_keeps_the_answer(classroom):
    students, homes, repo, url = classroom
    # the lecturer adds a note at the top of 01 and edits 02, then commits
    for name, text in ((NOTEBOOK, LECTURER_NOTE), ("02_tanh.ipynb", "Lecturer's note: tanh is due Friday.")):
        notebook = nbformat.read(repo / name, as_version=4)
        notebook.cells.insert(1, nbformat.v4.new_markdown_cell(text))
        nbformat.write(notebook, repo / name)
    git(repo, "commit", "--quiet", "-am", "Lecturer's notes")
    alice = students["alice"]
    alice.open_link(url, f"lab/tree/{REPO}/{NOTEBOOK}")
    notebook = alice.notebook()
    assert ANSWER == notebook.cells[answer_cell_index(notebook)].source        # her answer survives
    assert any(cell.source == LECTURER_NOTE for cell in notebook.cells)        # and the lecturer's note arrived
    assert "due Friday" in (homes / "alice" / REPO / "02_tanh.ipynb").read_text()
    nbformat.validate(nbformat.read(homes / "alice" / REPO / NOTEBOOK, as_version=4))
